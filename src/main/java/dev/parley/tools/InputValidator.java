package dev.parley.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the model's tool input against the tool's own JSON Schema, the same one the model was
 * given. Models do send invalid input; the tool never sees it.
 */
@ApplicationScoped
public class InputValidator {
    private final SchemaRegistry registry =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** The problems with {@code input}, empty when it is valid. */
    public List<String> problems(Tool tool, JsonNode input) {
        Schema schema =
                compiled.computeIfAbsent(
                        tool.name(), name -> registry.getSchema(tool.inputSchema()));
        return schema.validate(input).stream().map(Error::getMessage).toList();
    }
}
