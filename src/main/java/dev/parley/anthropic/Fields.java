package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.JsonFields;
import java.util.Optional;

/** Typed reads of request fields; every failure is a 400 naming the field by its Anthropic path. */
final class Fields {

    private Fields() {
    }

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static Optional<JsonNode> present(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<String> string(JsonNode parent, String name, String parentPath) {
        return present(parent, name).map(value -> {
            if (!value.isTextual()) {
                throw wrongType(path(parentPath, name), "a valid string", value);
            }
            return value.textValue();
        });
    }

    static String requiredString(JsonNode parent, String name, String parentPath) {
        return string(parent, name, parentPath).orElseThrow(() -> missing(path(parentPath, name)));
    }

    static Optional<Double> number(JsonNode parent, String name, double min, double max) {
        return present(parent, name).map(value -> {
            if (!value.isNumber()) {
                throw wrongType(name, "a valid number", value);
            }
            double number = value.doubleValue();
            if (number < min || number > max || Double.isNaN(number)) {
                throw AnthropicException.invalid(name, "Input should be between " + min + " and " + max + ", got "
                        + value);
            }
            return number;
        });
    }

    static Optional<Integer> integer(JsonNode parent, String name, String parentPath, int min) {
        return present(parent, name).map(value -> {
            String path = path(parentPath, name);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(path, "a valid integer", value);
            }
            if (value.intValue() < min) {
                throw AnthropicException.invalid(path, "Input should be greater than or equal to " + min);
            }
            return value.intValue();
        });
    }

    static Optional<Boolean> bool(JsonNode parent, String name, String parentPath) {
        return present(parent, name).map(value -> {
            if (!value.isBoolean()) {
                throw wrongType(path(parentPath, name), "a valid boolean", value);
            }
            return value.booleanValue();
        });
    }

    static AnthropicException missing(String path) {
        return AnthropicException.invalid(path, "Field required");
    }

    static AnthropicException wrongType(String path, String expected, JsonNode actual) {
        return AnthropicException.invalid(path, "Input should be " + expected + ", not " + JsonFields.typeName(actual));
    }
}
