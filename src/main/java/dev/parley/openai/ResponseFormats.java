package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.structured.ResponseFormat;
import java.util.Optional;

/**
 * OpenAI's structured-output requests as a {@link ResponseFormat}: Chat Completions'
 * {@code response_format} ({@code json_schema} nests its fields under {@code json_schema}) and the
 * Responses API's {@code text.format} (the same fields, flat). {@code text} is no format at all.
 */
public final class ResponseFormats {

    private ResponseFormats() {}

    /** {@code response_format} of a chat completion. */
    static Optional<ResponseFormat> chatCompletion(JsonNode body) {
        return Params.present(body, "response_format")
                .flatMap(
                        format -> {
                            String type = typeOf(format, "response_format");
                            if (type.equals("json_schema")) {
                                JsonNode schema =
                                        Params.present(format, "json_schema")
                                                .orElseThrow(
                                                        () ->
                                                                OpenAiException.invalid(
                                                                        "response_format.json_schema",
                                                                        "Missing required parameter: 'response_format.json_schema'."));
                                return Optional.of(
                                        jsonSchema(schema, "response_format.json_schema"));
                            }
                            return simple(type, "response_format");
                        });
    }

    /** {@code text.format} of a response. */
    public static Optional<ResponseFormat> responseText(JsonNode body) {
        return Params.present(body, "text")
                .flatMap(text -> Params.present(text, "format"))
                .flatMap(
                        format -> {
                            String type = typeOf(format, "text.format");
                            return type.equals("json_schema")
                                    ? Optional.of(jsonSchema(format, "text.format"))
                                    : simple(type, "text.format");
                        });
    }

    private static String typeOf(JsonNode format, String path) {
        if (!format.isObject()) {
            throw Params.wrongType(path, "an object", format);
        }
        return Params.requiredString(format, "type", path + ".type");
    }

    private static Optional<ResponseFormat> simple(String type, String path) {
        return switch (type) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of(ResponseFormat.jsonObject());
            default ->
                    throw OpenAiException.invalid(
                            path + ".type",
                            "Invalid value: '"
                                    + type
                                    + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
        };
    }

    private static ResponseFormat jsonSchema(JsonNode format, String path) {
        String name = Params.requiredString(format, "name", path + ".name");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw OpenAiException.invalid(
                    path + ".name",
                    "Invalid '"
                            + path
                            + ".name': string does not match pattern."
                            + " Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
        }
        JsonNode schema =
                Params.present(format, "schema")
                        .orElseThrow(
                                () ->
                                        OpenAiException.invalid(
                                                path + ".schema",
                                                "Missing required parameter: '"
                                                        + path
                                                        + ".schema'."));
        if (!schema.isObject()) {
            throw Params.wrongType(path + ".schema", "a JSON Schema object", schema);
        }
        return new ResponseFormat(
                ResponseFormat.Kind.JSON_SCHEMA,
                name,
                Params.string(format, "description", path + ".description"),
                schema,
                Params.bool(format, "strict", path + ".strict").orElse(false));
    }
}
