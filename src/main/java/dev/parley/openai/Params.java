package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Typed reads of request parameters; every failure is a 400 naming the parameter by its OpenAI path. */
public final class Params {

    private Params() {
    }

    public static Optional<JsonNode> present(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public static Optional<String> string(JsonNode parent, String name, String path) {
        return present(parent, name).map(value -> {
            if (!value.isTextual()) {
                throw wrongType(path, "a string", value);
            }
            return value.textValue();
        });
    }

    public static String requiredString(JsonNode parent, String name, String path) {
        return string(parent, name, path)
                .orElseThrow(() -> OpenAiException.invalid(path, "Missing required parameter: '" + path + "'."));
    }

    public static Optional<Double> number(JsonNode parent, String name, double min, double max) {
        return present(parent, name).map(value -> {
            if (!value.isNumber()) {
                throw wrongType(name, "a number", value);
            }
            double number = value.doubleValue();
            if (number < min || number > max || Double.isNaN(number)) {
                throw OpenAiException.invalid(name, "Invalid '" + name + "': " + value + " is not between " + min
                        + " and " + max + ".");
            }
            return number;
        });
    }

    public static Optional<Integer> integer(JsonNode parent, String name, int min, int max) {
        return present(parent, name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(name, "an integer", value);
            }
            if (value.intValue() < min || value.intValue() > max) {
                throw OpenAiException.invalid(name, "Invalid '" + name + "': " + value + " is not between " + min
                        + " and " + max + ".");
            }
            return value.intValue();
        });
    }

    public static Optional<Boolean> bool(JsonNode parent, String name, String path) {
        return present(parent, name).map(value -> {
            if (!value.isBoolean()) {
                throw wrongType(path, "a boolean", value);
            }
            return value.booleanValue();
        });
    }

    public static OpenAiException wrongType(String path, String expected, JsonNode actual) {
        return OpenAiException.invalid(path, "Invalid type for '" + path + "': expected " + expected + ", but got "
                + typeName(actual) + ".");
    }

    public static String typeName(JsonNode node) {
        return dev.parley.http.JsonFields.typeName(node);
    }
}
