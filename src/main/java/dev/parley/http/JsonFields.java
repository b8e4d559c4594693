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
    private final ObjectNode node;
    private final String prefix;

    public JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> ParleyException.validation(path(name) + " is required"));
    }

    /** A string that must contain something other than white space. */
    public String requiredText(String name) {
        String value = requiredString(name);
        if (value.isBlank()) {
            throw ParleyException.validation(path(name) + " must not be blank");
        }
        return value;
    }

    /** Non-blank text of at most {@code maxChars} characters; longer is {@code payload_too_large}. */
    public String requiredText(String name, int maxChars) {
        String value = requiredText(name);
        if (value.length() > maxChars) {
            throw ParleyException.tooLarge(path(name) + " is " + value.length() + " characters; the limit is " + maxChars);
        }
        return value;
    }

    public Optional<String> optionalString(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return Optional.of(value.textValue());
    }

    public Optional<Double> optionalNumber(String name, double min, double max) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw wrongType(name, "a number", value);
        }
        double number = value.doubleValue();
        if (number < min || number > max || Double.isNaN(number)) {
            throw ParleyException.validation(path(name) + " must be between " + min + " and " + max + ", got " + value);
        }
        return Optional.of(number);
    }

    public Optional<Integer> optionalInteger(String name, int min, int max) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
            throw wrongType(name, "an integer", value);
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw ParleyException.validation(path(name) + " must be between " + min + " and " + max + ", got " + value);
        }
        return Optional.of(value.intValue());
    }

    public Optional<List<String>> optionalStringList(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array of strings", value);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrongType(name + "[" + i + "]", "a string", item);
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
        if (!value.isObject()) {
            throw wrongType(name, "an object", value);
        }
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
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private ParleyException wrongType(String name, String expected, JsonNode actual) {
        return ParleyException.validation(path(name) + " must be " + expected + ", not " + typeName(actual));
    }

    public static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
