package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.FeatureMatrix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bedrock's rules for structured output on Converse ({@code outputConfig.textFormat}) and strict
 * tools ({@code toolSpec.strict}), from AWS's "Get validated JSON results from models" page: only
 * the models it lists (the feature matrix's {@code structuredOutput} column) take either; the
 * format's type is {@code json_schema} with {@code structure.jsonSchema.schema} a JSON string; the
 * schema is checked against the supported subset of JSON Schema Draft 2020-12 and a schema with an
 * unsupported feature is a 400 before the model runs. The subset (as the page and Anthropic's
 * structured-output limits state it): no numeric constraints (minimum, maximum, exclusive bounds,
 * multipleOf), no string length constraints, no pattern-keyed or conditional keywords, only
 * internal {@code $ref}s, {@code additionalProperties} false or absent, {@code minItems} 0 or 1.
 * The messages' wording is the emulator's own; Bedrock's exact texts are not public.
 */
final class OutputFormatRules {
    private static final FeatureMatrix MATRIX = FeatureMatrix.load();

    /** Keywords outside the supported subset, with what to do instead. */
    private static final Map<String, String> UNSUPPORTED =
            Map.ofEntries(
                    Map.entry("minimum", "numeric constraints are not supported"),
                    Map.entry("maximum", "numeric constraints are not supported"),
                    Map.entry("exclusiveMinimum", "numeric constraints are not supported"),
                    Map.entry("exclusiveMaximum", "numeric constraints are not supported"),
                    Map.entry("multipleOf", "numeric constraints are not supported"),
                    Map.entry("minLength", "string length constraints are not supported"),
                    Map.entry("maxLength", "string length constraints are not supported"),
                    Map.entry("maxItems", "maxItems is not supported"),
                    Map.entry("uniqueItems", "uniqueItems is not supported"),
                    Map.entry("patternProperties", "patternProperties is not supported"),
                    Map.entry("propertyNames", "propertyNames is not supported"),
                    Map.entry("if", "conditional schemas are not supported"),
                    Map.entry("not", "'not' is not supported"),
                    Map.entry("dependentSchemas", "dependentSchemas is not supported"),
                    Map.entry("unevaluatedProperties", "unevaluatedProperties is not supported"));

    private static final Set<String> SCHEMA_CONTAINERS =
            Set.of("properties", "$defs", "definitions");

    private OutputFormatRules() {}

    /** The request's schema (parsed), or null when it asks for no structured output. */
    static JsonNode check(JsonNode body, ModelCatalog.ModelSpec spec) {
        boolean strictTools = false;
        for (JsonNode tool : body.path("toolConfig").path("tools")) {
            strictTools |= tool.path("toolSpec").path("strict").asBoolean(false);
        }
        JsonNode textFormat = body.path("outputConfig").path("textFormat");
        boolean supported = MATRIX.structuredOutput(spec.features().id());
        if (strictTools && !supported) {
            throw BedrockFault.validation(
                    "This model doesn't support the toolConfig.tools.toolSpec.strict field."
                            + " Remove toolSpec.strict and try again.");
        }
        if (textFormat.isMissingNode() || textFormat.isNull()) {
            return null;
        }
        if (!supported) {
            throw BedrockFault.validation(
                    "This model doesn't support the outputConfig.textFormat field."
                            + " Remove outputConfig.textFormat and try again.");
        }
        if (!"json_schema".equals(textFormat.path("type").asText())) {
            throw BedrockFault.validation(
                    "1 validation error detected: Value '"
                            + textFormat.path("type").asText()
                            + "' at 'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum"
                            + " value set: [json_schema]");
        }
        JsonNode definition = textFormat.path("structure").path("jsonSchema");
        if (!definition.path("schema").isTextual()
                || definition.path("name").asText("").isBlank()) {
            throw BedrockFault.validation(
                    "outputConfig.textFormat.structure.jsonSchema needs a name and a schema"
                            + " (a JSON string).");
        }
        JsonNode schema;
        try {
            schema = Json.MAPPER.readTree(definition.path("schema").textValue());
        } catch (IOException e) {
            throw BedrockFault.validation(
                    "The JSON schema in outputConfig.textFormat is not valid JSON.");
        }
        if (schema == null
                || !schema.isObject()
                || !"object".equals(schema.path("type").asText())) {
            throw BedrockFault.validation(
                    "The JSON schema in outputConfig.textFormat must be an object schema"
                            + " with \"type\": \"object\" at its root.");
        }
        List<String> problems = new ArrayList<>();
        walk(schema, "", problems);
        if (!problems.isEmpty()) {
            throw BedrockFault.validation(
                    "The JSON schema in outputConfig.textFormat uses features structured"
                            + " output does not support: "
                            + String.join("; ", problems));
        }
        return schema;
    }

    private static void walk(JsonNode schema, String path, List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        schema.fieldNames()
                .forEachRemaining(
                        keyword -> {
                            String reason = UNSUPPORTED.get(keyword);
                            if (reason != null) {
                                problems.add(
                                        "'"
                                                + keyword
                                                + "' at "
                                                + (path.isEmpty() ? "/" : path)
                                                + " ("
                                                + reason
                                                + ")");
                            }
                        });
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !(additional.isBoolean() && !additional.booleanValue())) {
            problems.add(
                    "'additionalProperties' at "
                            + (path.isEmpty() ? "/" : path)
                            + " must be false");
        }
        if (schema.path("minItems").asInt(0) > 1) {
            problems.add("'minItems' at " + (path.isEmpty() ? "/" : path) + " must be 0 or 1");
        }
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty() && !ref.startsWith("#")) {
            problems.add(
                    "'$ref' at "
                            + (path.isEmpty() ? "/" : path)
                            + " must be an internal reference");
        }
        for (String container : SCHEMA_CONTAINERS) {
            schema.path(container)
                    .fields()
                    .forEachRemaining(
                            e ->
                                    walk(
                                            e.getValue(),
                                            path + "/" + container + "/" + e.getKey(),
                                            problems));
        }
        for (String single : List.of("items", "additionalProperties")) {
            if (schema.path(single).isObject()) {
                walk(schema.get(single), path + "/" + single, problems);
            }
        }
        for (String list : List.of("anyOf", "allOf", "oneOf", "prefixItems")) {
            JsonNode items = schema.path(list);
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), path + "/" + list + "/" + i, problems);
            }
        }
    }
}
