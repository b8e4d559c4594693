package dev.parley.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.guardrails.GuardrailView;
import dev.parley.modelcall.Usage;
import dev.parley.tools.ToolCall;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * {@code POST /v1/chat} answer; {@code toolCalls} only when the turn offered tools; {@code reasoning}
 * (the model's reasoning text, never part of {@code reply}) only when the model reasoned; {@code guardrail}
 * only when the guardrail intervened (the turn is then not stored: {@code conversationId} is null
 * for a conversation that was about to start, and {@code turn} is the number of stored turns);
 * {@code serviceTier}: the tier Bedrock served the (last) model call on.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatReply(
        String conversationId,
        int turn,
        String reply,
        String reasoning,
        String model,
        String modelId,
        String stopReason,
        Usage usage,
        long latencyMs,
        List<ToolCall> toolCalls,
        GuardrailView guardrail,
        String serviceTier) {}
