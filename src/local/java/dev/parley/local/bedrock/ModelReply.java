package dev.parley.local.bedrock;

import dev.parley.local.bedrock.Conversation.ToolUse;
import java.util.List;

/**
 * One model answer before it is put on the wire: text (possibly empty), tool calls, the
 * Converse stop reason ({@code end_turn}, {@code tool_use}, {@code max_tokens},
 * {@code stop_sequence}) and the token counts reported as usage.
 */
record ModelReply(String text, List<ToolUse> toolUses, String stopReason, int inputTokens, int outputTokens) {

    ModelReply {
        text = text == null ? "" : text;
        toolUses = List.copyOf(toolUses);
    }

    int totalTokens() {
        return inputTokens + outputTokens;
    }

    ModelReply withStopReason(String reason) {
        return new ModelReply(text, toolUses, reason, inputTokens, outputTokens);
    }

    /** How many stream deltas this reply takes: one per word of text, one per tool input. */
    int deltaCount() {
        return Text.deltas(text).size() + toolUses.size();
    }
}
