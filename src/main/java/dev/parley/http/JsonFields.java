package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ParleyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, validated access to the fields of a JSON object. Every failure is a
 * {@code validation_error} naming the field by its full path (e.g. {@code inferenceConfig.topP}),
 * so request records can be built without reflection-based binding.
 */
public final class JsonFields {
    /** Parley's own wording: {@code inferenceConfig.topP must be a number, not a string}. */
    static final TypedJson.Wording PARLEY =
            new TypedJson.Wording() {
                @Override
                public ParleyException missing(String path) {
                    return ParleyException.invalidParam(path, path + " is required");
                }

                @Override
                public ParleyException wrongType(String path, String expected, JsonNode actual) {
                    return ParleyException.invalidParam(
                            path, path + " must be " + expected + ", not " + typeName(actual));
                }

                @Override
                public ParleyException outOfRange(
                        String path, JsonNode value, Number min, Number max) {
                    return ParleyException.invalidParam(
                            path,
                            path + " must be between " + min + " and " + max + ", got " + value);
                }

                @Override
                public ParleyException blank(String path) {
                    return ParleyException.validation(path + " must not be blank");
                }
            };

    private static final TypedJson READ = new TypedJson(PARLEY, true);

    private final ObjectNode node;
    private final String prefix;

    public JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public String requiredString(String name) {
        return READ.requiredString(node, name, path(name));
    }

    /** A string that must contain something other than white space. */
    public String requiredText(String name) {
        return READ.requiredText(node, name, path(name));
    }

    /** Non-blank text of at most {@code maxChars} characters; longer is {@code payload_too_large}. */
    public String requiredText(String name, int maxChars) {
        String value = requiredText(name);
        if (value.length() > maxChars) {
            throw ParleyException.tooLarge(
                    path(name) + " is " + value.length() + " characters; the limit is " + maxChars);
        }
        return value;
    }

    public Optional<String> optionalString(String name) {
        return READ.string(node, name, path(name));
    }

    public Optional<Double> optionalNumber(String name, double min, double max) {
        return READ.number(node, name, path(name), min, max);
    }

    public Optional<Integer> optionalInteger(String name, int min, int max) {
        return READ.integer(node, name, path(name), min, max);
    }

    public Optional<List<String>> optionalStringList(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw READ.wrongType(path(name), "an array of strings", value);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw READ.wrongType(path(name) + "[" + i + "]", "a string", item);
            }
            items.add(item.textValue());
        }
        return Optional.of(items);
    }

    public Optional<JsonFields> optionalObject(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        READ.object(value, path(name));
        return Optional.of(new JsonFields((ObjectNode) value, path(name) + "."));
    }

    /** The full path of a field, for messages. */
    public String path(String name) {
        return prefix + name;
    }

    public ObjectNode node() {
        return node;
    }

    private JsonNode present(String name) {
        return TypedJson.present(node, name).orElse(null);
    }

    public static String typeName(JsonNode node) {
        return TypedJson.typeName(node);
    }
}
