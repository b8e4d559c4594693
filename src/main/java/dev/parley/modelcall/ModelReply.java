package dev.parley.modelcall;

import java.util.Optional;

/**
 * A model's answer. {@code latencyMs} is Bedrock's own measurement ({@code metrics.latencyMs}),
 * not Parley's wall clock. {@code cached} is true when the pipeline answered from the response
 * cache (no model call; {@code usage} is the original call's).
 */
public record ModelReply(ModelSpec model, ChatMessage message, String stopReason, Usage usage, long latencyMs,
        Optional<GuardrailOutcome> guardrail, boolean cached) {

    public ModelReply(ModelSpec model, ChatMessage message, String stopReason, Usage usage, long latencyMs) {
        this(model, message, stopReason, usage, latencyMs, Optional.empty(), false);
    }

    public String text() {
        return message.text();
    }

    /** The model's reasoning text; empty when it did not reason. */
    public String reasoning() {
        return message.reasoning();
    }

    public ModelReply asCached() {
        return new ModelReply(model, message, stopReason, usage, latencyMs, guardrail, true);
    }
}
