package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ParleyException;
import dev.parley.http.TypedJson;
import java.util.Optional;

/** Typed reads of request parameters; every failure is a 400 naming the parameter by its OpenAI path. */
public final class Params {
    /** OpenAI's wording: {@code Invalid type for 'top_p': expected a number, but got a string.} */
    private static final TypedJson READ =
            new TypedJson(
                    new TypedJson.Wording() {
                        @Override
                        public ParleyException missing(String path) {
                            return OpenAiException.invalid(
                                    path, "Missing required parameter: '" + path + "'.");
                        }

                        @Override
                        public ParleyException wrongType(
                                String path, String expected, JsonNode actual) {
                            return Params.wrongType(path, expected, actual);
                        }

                        @Override
                        public ParleyException outOfRange(
                                String path, JsonNode value, Number min, Number max) {
                            return OpenAiException.invalid(
                                    path,
                                    "Invalid '"
                                            + path
                                            + "': "
                                            + value
                                            + " is not between "
                                            + min
                                            + " and "
                                            + max
                                            + ".");
                        }
                    },
                    false);

    private Params() {}

    public static Optional<JsonNode> present(JsonNode parent, String name) {
        return TypedJson.present(parent, name);
    }

    public static Optional<String> string(JsonNode parent, String name, String path) {
        return READ.string(parent, name, path);
    }

    public static String requiredString(JsonNode parent, String name, String path) {
        return READ.requiredString(parent, name, path);
    }

    public static Optional<Double> number(JsonNode parent, String name, double min, double max) {
        return READ.number(parent, name, name, min, max);
    }

    public static Optional<Integer> integer(JsonNode parent, String name, int min, int max) {
        return READ.integer(parent, name, name, min, max);
    }

    public static Optional<Boolean> bool(JsonNode parent, String name, String path) {
        return READ.bool(parent, name, path);
    }

    public static OpenAiException wrongType(String path, String expected, JsonNode actual) {
        return OpenAiException.invalid(
                path,
                "Invalid type for '"
                        + path
                        + "': expected "
                        + expected
                        + ", but got "
                        + typeName(actual)
                        + ".");
    }

    public static String typeName(JsonNode node) {
        return TypedJson.typeName(node);
    }
}
