package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Content blocks in the Converse API's JSON shape ({@code [{"text": "..."}]}), the form in which
 * messages are stored and shown, so a stored turn replays exactly as it was sent.
 */
public final class ContentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContentJson() {
    }

    public static ArrayNode toJson(List<ContentBlock> content) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text text) {
                array.addObject().put("text", text.text());
            }
        }
        return array;
    }

    public static List<ContentBlock> fromJson(JsonNode array) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : array) {
            if (block.has("text")) {
                blocks.add(new ContentBlock.Text(block.get("text").asText()));
            } else {
                throw new IllegalArgumentException("unknown content block: " + block.fieldNames().next());
            }
        }
        return blocks;
    }

    public static String toJsonString(List<ContentBlock> content) {
        return toJson(content).toString();
    }

    public static List<ContentBlock> fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("stored content is not valid JSON", e);
        }
    }
}
