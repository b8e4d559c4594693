package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the deterministic model reads, whatever API the request came through: Converse bodies
 * and the native InvokeModel bodies are all turned into this one shape.
 */
record Conversation(
        String system,
        List<Turn> turns,
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Integer maxTokens,
        List<String> stopSequences) {

    /** One message: its role, its text blocks joined, and its tool blocks. */
    record Turn(String role, String text, List<ToolUse> toolUses, List<ToolResult> toolResults) {}

    record ToolUse(String toolUseId, String name, JsonNode input) {}

    /** A tool result with its content flattened to text (JSON content is serialised). */
    record ToolResult(String toolUseId, String content, String status) {}

    record ToolSpec(String name, String description, JsonNode inputSchema) {}

    /** {@code kind} is {@code auto}, {@code any} or {@code tool} (then {@code name} is set). */
    record ToolChoice(String kind, String name) {
        static final ToolChoice AUTO = new ToolChoice("auto", null);
    }

    Conversation {
        system = system == null ? "" : system;
        turns = List.copyOf(turns);
        tools = List.copyOf(tools);
        toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    }

    /** The last message sent by the user, or null. */
    Turn lastUser() {
        int index = lastUserIndex();
        return index < 0 ? null : turns.get(index);
    }

    /** The assistant message just before the last user message, or null. */
    Turn previousAssistant() {
        int index = lastUserIndex();
        return index > 0 && turns.get(index - 1).role().equals("assistant")
                ? turns.get(index - 1)
                : null;
    }

    private int lastUserIndex() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role().equals("user")) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a (validated) Converse request body. */
    static Conversation fromConverse(JsonNode body) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            turns.add(turnOf(message.path("role").asText(), message.path("content")));
        }
        JsonNode inference = body.path("inferenceConfig");
        Integer maxTokens =
                inference.hasNonNull("maxTokens") ? inference.get("maxTokens").asInt() : null;
        List<String> stops = new ArrayList<>();
        inference.path("stopSequences").forEach(s -> stops.add(s.asText()));
        JsonNode toolConfig = body.path("toolConfig");
        return new Conversation(
                joinText(body.path("system")),
                turns,
                toolSpecs(toolConfig.path("tools")),
                toolChoice(toolConfig.path("toolChoice")),
                maxTokens,
                stops);
    }

    /** Converse-shaped content blocks ({@code text}, {@code toolUse}, {@code toolResult}) to a turn. */
    static Turn turnOf(String role, JsonNode content) {
        List<ToolUse> uses = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode block : content) {
            JsonNode use = block.get("toolUse");
            if (use != null) {
                uses.add(
                        new ToolUse(
                                use.path("toolUseId").asText(),
                                use.path("name").asText(),
                                use.path("input")));
            }
            JsonNode result = block.get("toolResult");
            if (result != null) {
                results.add(
                        new ToolResult(
                                result.path("toolUseId").asText(),
                                joinText(result.path("content")),
                                result.path("status").asText("success")));
            }
        }
        return new Turn(role, joinText(content), uses, results);
    }

    /** Joins {@code text} blocks; {@code json} blocks (tool results) are serialised. */
    static String joinText(JsonNode blocks) {
        if (blocks.isTextual()) {
            return blocks.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.hasNonNull("text")) {
                parts.add(block.get("text").asText());
            } else if (block.path("guardContent").path("text").path("text").isTextual()) {
                // guardContent is text the guardrail assesses; the model reads it like any other
                // text.
                parts.add(block.path("guardContent").path("text").path("text").asText());
            } else if (block.has("json")) {
                parts.add(Json.text(block.get("json")));
            }
        }
        return String.join("\n", parts);
    }

    static List<ToolSpec> toolSpecs(JsonNode tools) {
        List<ToolSpec> specs = new ArrayList<>();
        for (JsonNode tool : tools) {
            JsonNode spec = tool.path("toolSpec");
            if (spec.has("name")) {
                specs.add(
                        new ToolSpec(
                                spec.get("name").asText(),
                                spec.path("description").asText(""),
                                spec.path("inputSchema").path("json")));
            }
        }
        return specs;
    }

    static ToolChoice toolChoice(JsonNode choice) {
        if (choice.has("any")) {
            return new ToolChoice("any", null);
        }
        if (choice.has("tool")) {
            return new ToolChoice("tool", choice.path("tool").path("name").asText());
        }
        return ToolChoice.AUTO;
    }
}
