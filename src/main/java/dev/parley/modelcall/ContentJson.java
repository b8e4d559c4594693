package dev.parley.modelcall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Content blocks in the Converse API's JSON shape ({@code [{"text": "..."}, {"toolUse": {...}}]}),
 * the form in which messages are stored and shown, so a stored turn replays exactly as it was sent
 * (reasoning blocks with their signatures included: {@code {"reasoningContent": {"reasoningText":
 * {"text", "signature"}}}} or {@code {"reasoningContent": {"redactedContent": base64}}}).
 */
public final class ContentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContentJson() {}

    public static ArrayNode toJson(List<ContentBlock> content) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ContentBlock block : content) {
            ObjectNode item = array.addObject();
            if (block instanceof ContentBlock.Text text) {
                item.put("text", text.text());
            } else if (block instanceof ContentBlock.ToolUse use) {
                ObjectNode toolUse = item.putObject("toolUse");
                toolUse.put("toolUseId", use.toolUseId());
                toolUse.put("name", use.name());
                toolUse.set("input", use.input());
            } else if (block instanceof ContentBlock.ToolResult result) {
                ObjectNode toolResult = item.putObject("toolResult");
                toolResult.put("toolUseId", result.toolUseId());
                toolResult.set("content", result.content());
                toolResult.put("status", result.status().name().toLowerCase(Locale.ROOT));
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                ObjectNode text = item.putObject("reasoningContent").putObject("reasoningText");
                text.put("text", reasoning.text());
                if (reasoning.signature() != null) {
                    text.put("signature", reasoning.signature());
                }
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                item.putObject("reasoningContent")
                        .put(
                                "redactedContent",
                                Base64.getEncoder().encodeToString(redacted.data()));
            } else if (block instanceof ContentBlock.Image image) {
                ObjectNode img = item.putObject("image");
                img.put("format", image.format());
                img.putObject("source")
                        .put("bytes", Base64.getEncoder().encodeToString(image.bytes()));
            } else if (block instanceof ContentBlock.Document document) {
                ObjectNode doc = item.putObject("document");
                doc.put("format", document.format());
                doc.put("name", document.name());
                doc.putObject("source")
                        .put("bytes", Base64.getEncoder().encodeToString(document.bytes()));
            }
        }
        return array;
    }

    public static List<ContentBlock> fromJson(JsonNode array) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : array) {
            if (block.has("text")) {
                blocks.add(new ContentBlock.Text(block.get("text").asText()));
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                blocks.add(
                        new ContentBlock.ToolUse(
                                use.path("toolUseId").asText(),
                                use.path("name").asText(),
                                use.path("input")));
            } else if (block.has("toolResult")) {
                JsonNode result = block.get("toolResult");
                ContentBlock.ToolResult.Status status =
                        "error".equals(result.path("status").asText())
                                ? ContentBlock.ToolResult.Status.ERROR
                                : ContentBlock.ToolResult.Status.SUCCESS;
                blocks.add(
                        new ContentBlock.ToolResult(
                                result.path("toolUseId").asText(), status, result.path("content")));
            } else if (block.has("reasoningContent")) {
                JsonNode reasoning = block.get("reasoningContent");
                if (reasoning.has("redactedContent")) {
                    blocks.add(
                            new ContentBlock.RedactedReasoning(
                                    Base64.getDecoder()
                                            .decode(reasoning.get("redactedContent").asText())));
                } else {
                    JsonNode text = reasoning.path("reasoningText");
                    blocks.add(
                            new ContentBlock.Reasoning(
                                    text.path("text").asText(),
                                    text.hasNonNull("signature")
                                            ? text.get("signature").asText()
                                            : null));
                }
            } else if (block.has("image")) {
                JsonNode img = block.get("image");
                blocks.add(
                        new ContentBlock.Image(
                                img.path("format").asText(),
                                Base64.getDecoder()
                                        .decode(img.path("source").path("bytes").asText())));
            } else if (block.has("document")) {
                JsonNode doc = block.get("document");
                blocks.add(
                        new ContentBlock.Document(
                                doc.path("format").asText(),
                                doc.path("name").asText(),
                                Base64.getDecoder()
                                        .decode(doc.path("source").path("bytes").asText())));
            } else {
                throw new IllegalArgumentException(
                        "unknown content block: " + block.fieldNames().next());
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
