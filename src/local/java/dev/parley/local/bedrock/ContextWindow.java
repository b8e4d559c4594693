package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The model's context window: Bedrock refuses input longer than the model reads, with the text
 * "Input is too long for requested model." (quoted from real ValidationExceptions in
 * langchain-aws and strands-agents threads on context overflow). Input is counted the emulator's
 * way ({@link TokenCount}) over the system prompt, every text, tool input and tool result.
 */
final class ContextWindow {

    static final String TOO_LONG = "Input is too long for requested model.";

    private ContextWindow() {}

    static void check(JsonNode body, ModelCatalog.ModelSpec spec) {
        int window = spec.features().contextTokens();
        if (window > 0 && inputTokens(body) > window) {
            throw BedrockFault.validation(TOO_LONG);
        }
    }

    static int inputTokens(JsonNode body) {
        StringBuilder text = new StringBuilder();
        body.path("system")
                .forEach(block -> text.append(block.path("text").asText("")).append('\n'));
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                text.append(block.path("text").asText(""));
                text.append(block.path("toolUse").path("input"));
                block.path("toolResult")
                        .path("content")
                        .forEach(
                                c ->
                                        text.append(c.path("text").asText(""))
                                                .append(
                                                        c.path("json").isMissingNode()
                                                                ? ""
                                                                : c.path("json").toString()));
                text.append('\n');
            }
        }
        return TokenCount.of(text.toString());
    }
}
