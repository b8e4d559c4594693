package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ParleyException;
import dev.parley.http.TypedJson;
import java.util.Optional;

/** Typed reads of request fields; every failure is a 400 naming the field by its Anthropic path. */
final class Fields {
    /** Anthropic's wording: {@code max_tokens: Input should be a valid integer, not a string}. */
    static final TypedJson READ =
            new TypedJson(
                    new TypedJson.Wording() {
                        @Override
                        public ParleyException missing(String path) {
                            return Fields.missing(path);
                        }

                        @Override
                        public ParleyException wrongType(
                                String path, String expected, JsonNode actual) {
                            return AnthropicException.invalid(
                                    path,
                                    "Input should be "
                                            + anthropics(expected)
                                            + ", not "
                                            + TypedJson.typeName(actual));
                        }

                        @Override
                        public ParleyException blank(String path) {
                            return AnthropicException.invalid(
                                    path, "text content blocks must contain non-whitespace text");
                        }

                        @Override
                        public ParleyException outOfRange(
                                String path, JsonNode value, Number min, Number max) {
                            return max instanceof Integer limit && limit == Integer.MAX_VALUE
                                    ? AnthropicException.invalid(
                                            path, "Input should be greater than or equal to " + min)
                                    : AnthropicException.invalid(
                                            path,
                                            "Input should be between "
                                                    + min
                                                    + " and "
                                                    + max
                                                    + ", got "
                                                    + value);
                        }
                    },
                    false);

    private Fields() {}

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static Optional<JsonNode> present(JsonNode parent, String name) {
        return TypedJson.present(parent, name);
    }

    static Optional<String> string(JsonNode parent, String name, String parentPath) {
        return READ.string(parent, name, path(parentPath, name));
    }

    static String requiredString(JsonNode parent, String name, String parentPath) {
        return READ.requiredString(parent, name, path(parentPath, name));
    }

    static Optional<Double> number(JsonNode parent, String name, double min, double max) {
        return READ.number(parent, name, name, min, max);
    }

    static Optional<Integer> integer(JsonNode parent, String name, String parentPath, int min) {
        return READ.integer(parent, name, path(parentPath, name), min, Integer.MAX_VALUE);
    }

    static Optional<Boolean> bool(JsonNode parent, String name, String parentPath) {
        return READ.bool(parent, name, path(parentPath, name));
    }

    static AnthropicException missing(String path) {
        return AnthropicException.invalid(path, "Field required");
    }

    /**
     * Anthropic's (Pydantic's) names for a JSON type: "a valid dictionary", "a valid list", "a
     * valid string"; a dialect's own union ("a valid string or list of text blocks") as written.
     */
    private static String anthropics(String expected) {
        return switch (expected) {
            case "an object" -> "a valid dictionary";
            case "an array" -> "a valid list";
            default ->
                    expected.startsWith("a valid ")
                            ? expected
                            : expected.replaceFirst("^an? ", "a valid ");
        };
    }

    /** {@code value}, which must be a JSON object ("a valid dictionary"). */
    static JsonNode object(JsonNode value, String path) {
        return READ.object(value, path);
    }

    /** {@code value}, which must be a JSON array ("a valid list"). */
    static JsonNode array(JsonNode value, String path) {
        return READ.array(value, path);
    }
}
