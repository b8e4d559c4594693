package dev.parley.tools;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.Usage;
import java.util.List;
import java.util.Optional;

/**
 * The result of a tool loop.
 *
 * @param messages every message the loop added after the user's (tool uses, tool results, the
 *     final answer), in order; stored as they are so later turns replay them exactly
 * @param stopReason the model's final stop reason, or {@code max_iterations} / {@code deadline}
 * @param latencyMs Bedrock's own latency, summed over the loop's model calls
 * @param guardrail what the guardrail did to the last model call (it intervened: the reply is its message)
 * @param serviceTier the tier Bedrock served the loop's last model call on ({@code default} when it
 *     did not say)
 */
public record ToolRun(
        String reply,
        List<ChatMessage> messages,
        List<ToolCall> calls,
        int iterations,
        String stopReason,
        Usage usage,
        long latencyMs,
        Optional<GuardrailOutcome> guardrail,
        String serviceTier) {

    public ToolRun {
        messages = List.copyOf(messages);
        calls = List.copyOf(calls);
    }

    /** The reasoning of every model answer in the loop, in order; empty when the model did not reason. */
    public String reasoning() {
        return String.join(
                "\n",
                messages.stream().map(ChatMessage::reasoning).filter(r -> !r.isEmpty()).toList());
    }
}
