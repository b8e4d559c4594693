package dev.parley.local.bedrock;

import dev.parley.local.bedrock.Conversation.ToolUse;
import java.util.List;

/**
 * One model answer before it is put on the wire: its reasoning (empty when the model did not
 * reason; {@code signature} set when the model signs it, as Claude does), text (possibly empty),
 * tool calls, the Converse stop reason ({@code end_turn}, {@code tool_use}, {@code max_tokens},
 * {@code stop_sequence}) and the token counts reported as usage.
 */
record ModelReply(
        String reasoning,
        String signature,
        String text,
        List<ToolUse> toolUses,
        String stopReason,
        int inputTokens,
        int outputTokens) {

    ModelReply {
        reasoning = reasoning == null ? "" : reasoning;
        text = text == null ? "" : text;
        toolUses = List.copyOf(toolUses);
    }

    ModelReply(
            String text,
            List<ToolUse> toolUses,
            String stopReason,
            int inputTokens,
            int outputTokens) {
        this("", null, text, toolUses, stopReason, inputTokens, outputTokens);
    }

    int totalTokens() {
        return inputTokens + outputTokens;
    }

    ModelReply withStopReason(String reason) {
        return new ModelReply(
                reasoning, signature, text, toolUses, reason, inputTokens, outputTokens);
    }

    /** This answer preceded by reasoning, whose tokens count as output. */
    ModelReply withReasoning(String thought, String thoughtSignature) {
        return new ModelReply(
                thought,
                thoughtSignature,
                text,
                toolUses,
                stopReason,
                inputTokens,
                outputTokens + Text.tokens(thought));
    }

    /** How many stream deltas this reply takes: one per word of reasoning and text, one per tool input. */
    int deltaCount() {
        return Text.deltas(reasoning).size() + Text.deltas(text).size() + toolUses.size();
    }
}
