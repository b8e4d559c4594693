package dev.parley.documents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds a DynamoDB update expression, and the condition beside it, with a placeholder for every
 * attribute name and value: {@code owner}, {@code status}, {@code bucket} and {@code ttl} are all
 * DynamoDB reserved words, and placeholders make that a non-issue.
 */
final class Expressions {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();

    /** The placeholder of an attribute name (attribute names here are plain identifiers). */
    String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    Expressions set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
        return this;
    }

    Expressions set(String attribute, String value) {
        return set(attribute, AttributeValue.fromS(value));
    }

    Expressions set(String attribute, long value) {
        return set(attribute, AttributeValue.fromN(Long.toString(value)));
    }

    /** Sets the attribute only if the item does not have it yet (first-seen timestamps). */
    Expressions setIfAbsent(String attribute, String value) {
        String name = name(attribute);
        sets.add(
                name
                        + " = if_not_exists("
                        + name
                        + ", "
                        + value(AttributeValue.fromS(value))
                        + ")");
        return this;
    }

    /** Adds one, starting from zero. */
    Expressions increment(String attribute) {
        String name = name(attribute);
        sets.add(
                name
                        + " = if_not_exists("
                        + name
                        + ", "
                        + value(AttributeValue.fromN("0"))
                        + ") + "
                        + value(AttributeValue.fromN("1")));
        return this;
    }

    Expressions remove(String... attributes) {
        for (String attribute : attributes) {
            removes.add(name(attribute));
        }
        return this;
    }

    String update() {
        String update = "SET " + String.join(", ", sets);
        return removes.isEmpty() ? update : update + " REMOVE " + String.join(", ", removes);
    }

    Map<String, String> names() {
        return Map.copyOf(names);
    }

    Map<String, AttributeValue> values() {
        return Map.copyOf(values);
    }
}
