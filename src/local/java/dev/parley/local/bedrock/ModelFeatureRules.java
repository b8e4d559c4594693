package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelFeatures;

/**
 * What a Converse request may use on one model, from the emulator's model facts: Bedrock refuses tool
 * use, streaming tool use, system prompts, documents and images for the models whose row says no,
 * with a ValidationException. The tool-use texts are Bedrock's as quoted in public issue threads
 * (langchain-aws#447, LibreChat#6351), and so is the tool-choice text ("This model doesn't support
 * the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.", quoted for
 * Llama in strands-agents/sdk-python#1241); the content-block text follows the one quoted for video
 * blocks ("This model doesn't support the video content block that you provided."); the system
 * prompt text is in the same style, not a quotation.
 */
final class ModelFeatureRules {

    private ModelFeatureRules() {}

    /**
     * DeepSeek V3.x accepts a named tool choice and does not obey it (langchain-aws#1261, AWS's
     * test on the Converse API): the model then chooses as with {@code auto}.
     */
    static boolean ignoresNamedTool(ModelCatalog.ModelSpec spec, String choice) {
        return "tool".equals(choice)
                && "deepseek".equals(spec.features().provider())
                && spec.features().tools();
    }

    /** The conversation as the model reads it: a tool choice it does not obey is left out. */
    static Conversation obeyed(Conversation conversation, ModelCatalog.ModelSpec spec) {
        if (!ignoresNamedTool(spec, conversation.toolChoice().kind())) {
            return conversation;
        }
        return new Conversation(
                conversation.system(),
                conversation.turns(),
                conversation.tools(),
                Conversation.ToolChoice.AUTO,
                conversation.maxTokens(),
                conversation.stopSequences());
    }

    static void check(JsonNode body, ModelCatalog.ModelSpec spec, boolean streaming) {
        ModelFeatures features = spec.features();
        if (streaming && !features.converseStream()) {
            throw BedrockFault.validation("The model is unsupported for streaming.");
        }
        JsonNode toolConfig = body.get("toolConfig");
        if (toolConfig != null && !toolConfig.isNull()) {
            if (!features.tools()) {
                throw BedrockFault.validation("This model doesn't support tool use.");
            }
            if (streaming && !features.streamingTools()) {
                throw BedrockFault.validation(
                        "This model doesn't support tool use in streaming mode.");
            }
            String choice = Conversation.toolChoice(toolConfig.path("toolChoice")).kind();
            if (!features.toolChoice().contains(choice) && !ignoresNamedTool(spec, choice)) {
                throw BedrockFault.validation(
                        "This model doesn't support the toolConfig.toolChoice."
                                + choice
                                + " field. Remove toolConfig.toolChoice."
                                + choice
                                + " and try again.");
            }
        }
        JsonNode system = body.path("system");
        if (system.isArray() && !system.isEmpty() && !features.system()) {
            throw BedrockFault.validation("This model doesn't support system messages.");
        }
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.has("document") && !features.documents()) {
                    throw BedrockFault.validation(
                            "This model doesn't support the document content block that you provided.");
                }
                if (block.has("image") && !features.vision()) {
                    throw BedrockFault.validation(
                            "This model doesn't support the image content block that you provided.");
                }
            }
        }
    }
}
