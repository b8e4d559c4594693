package dev.parley.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/**
 * The shape an answer must have, in protocol-neutral terms: any JSON object ({@code json_object})
 * or JSON matching {@code schema} ({@code json_schema}). Edges read their protocol's field into it.
 *
 * @param name the schema's name (Bedrock's {@code jsonSchema.name}; the forced tool's name)
 * @param strict whether the client asked the provider to hold the answer to the schema; Parley
 *        validates every answer against the schema either way
 */
public record ResponseFormat(
        Kind kind, String name, Optional<String> description, JsonNode schema, boolean strict) {

    public enum Kind {
        JSON_OBJECT,
        JSON_SCHEMA
    }

    /** Any JSON object. */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat(
                Kind.JSON_OBJECT,
                "json_object",
                Optional.of("Any JSON object"),
                JsonNodeFactory.instance.objectNode().put("type", "object"),
                false);
    }
}
