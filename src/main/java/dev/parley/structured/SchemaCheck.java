package dev.parley.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.parley.error.ParleyException;
import java.util.List;

/** A requested schema compiled once per request (JSON Schema Draft 2020-12, as Bedrock reads it). */
final class SchemaCheck {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** The schema compiled; one that is not a JSON Schema object is a 400 naming {@code field}. */
    static SchemaCheck of(JsonNode schema, String field) {
        if (schema == null || !schema.isObject()) {
            throw ParleyException.validation(field + " must be a JSON Schema object");
        }
        try {
            return new SchemaCheck(REGISTRY.getSchema(schema));
        } catch (RuntimeException e) {
            throw ParleyException.validation(
                    field + " is not a valid JSON Schema: " + e.getMessage());
        }
    }

    /** What is wrong with {@code answer}; empty when it matches. */
    List<String> problems(JsonNode answer) {
        return schema.validate(answer).stream().map(Error::getMessage).toList();
    }
}
