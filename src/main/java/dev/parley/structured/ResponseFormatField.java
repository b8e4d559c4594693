package dev.parley.structured;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.error.ParleyException;
import dev.parley.http.JsonFields;
import java.util.Optional;

/**
 * Parley's own {@code responseFormat} ({@code POST /v1/chat}): {@code {"type": "json_schema",
 * "schema": {...}, "name": "optional", "description": "optional"}} or {@code {"type": "json_object"}}.
 */
public final class ResponseFormatField {

    private ResponseFormatField() {}

    public static Optional<ResponseFormat> read(JsonFields body) {
        return body.optionalObject("responseFormat")
                .flatMap(
                        format -> {
                            String type = format.requiredString("type");
                            return switch (type) {
                                case "text" -> Optional.empty();
                                case "json_object" -> Optional.of(ResponseFormat.jsonObject());
                                case "json_schema" -> {
                                    JsonNode schema = format.node().get("schema");
                                    if (schema == null || !schema.isObject()) {
                                        throw ParleyException.validation(
                                                format.path("schema")
                                                        + " must be a JSON Schema object");
                                    }
                                    String name = format.optionalString("name").orElse("response");
                                    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
                                        throw ParleyException.validation(
                                                format.path("name")
                                                        + " must match [a-zA-Z0-9_-]{1,64}");
                                    }
                                    yield Optional.of(
                                            new ResponseFormat(
                                                    ResponseFormat.Kind.JSON_SCHEMA,
                                                    name,
                                                    format.optionalString("description"),
                                                    schema,
                                                    true));
                                }
                                default ->
                                        throw ParleyException.validation(
                                                format.path("type")
                                                        + " must be one of text, json_object, json_schema; got '"
                                                        + type
                                                        + "'");
                            };
                        });
    }
}
