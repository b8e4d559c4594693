package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The emulator's answer under structured output: JSON that matches the schema, as Bedrock's
 * constrained decoding guarantees. Every property is filled (required or not); strings take words
 * of the user's message, numbers the first number in it, enums and consts their first value,
 * {@code anyOf} its first branch, internal {@code $ref}s are followed (to a bounded depth).
 */
final class SchemaAnswer {
    private static final int MAX_DEPTH = 8;

    private SchemaAnswer() {}

    static JsonNode of(JsonNode schema, String userText) {
        return value(schema, schema, userText, "answer", 0);
    }

    private static JsonNode value(
            JsonNode root, JsonNode schema, String text, String name, int depth) {
        var nodes = Json.MAPPER.getNodeFactory();
        if (schema.has("$ref") && depth < MAX_DEPTH) {
            return value(
                    root, root.at(schema.get("$ref").asText().substring(1)), text, name, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        for (String branch : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(branch).isArray() && !schema.path(branch).isEmpty()) {
                return value(root, schema.get(branch).get(0), text, name, depth + 1);
            }
        }
        JsonNode type = schema.path("type");
        String kind =
                type.isArray()
                        ? type.path(0).asText("string")
                        : type.asText(schema.has("properties") ? "object" : "string");
        switch (kind) {
            case "object" -> {
                ObjectNode object = Json.object();
                if (depth < MAX_DEPTH) {
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(
                                    field ->
                                            object.set(
                                                    field.getKey(),
                                                    value(
                                                            root,
                                                            field.getValue(),
                                                            text,
                                                            field.getKey(),
                                                            depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = Json.array();
                if (schema.path("minItems").asInt(0) > 0 && depth < MAX_DEPTH) {
                    array.add(value(root, schema.path("items"), text, name, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                var number = java.util.regex.Pattern.compile("-?\\d+").matcher(text);
                return nodes.numberNode(number.find() ? Long.parseLong(number.group()) : 0L);
            }
            case "number" -> {
                var number = java.util.regex.Pattern.compile("-?\\d+(?:\\.\\d+)?").matcher(text);
                return nodes.numberNode(number.find() ? Double.parseDouble(number.group()) : 0.0);
            }
            case "boolean" -> {
                return nodes.booleanNode(!text.toLowerCase(Locale.ROOT).contains(" not "));
            }
            case "null" -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(text.isBlank() ? name : Text.clip(text.strip(), 120));
            }
        }
    }
}
