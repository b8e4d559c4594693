package dev.parley.modelcall;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A JSON Schema the answer must follow, as Converse's {@code outputConfig.textFormat} takes it
 * ({@code type: json_schema}, {@code structure.jsonSchema} with the schema as a JSON string, a
 * name and an optional description).
 */
public record OutputSchema(String name, Optional<String> description, JsonNode schema) {}
