package dev.parley.bedrock;

/**
 * A model's answer. {@code latencyMs} is Bedrock's own measurement ({@code metrics.latencyMs}),
 * not Parley's wall clock.
 */
public record ModelReply(ModelSpec model, ChatMessage message, String stopReason, Usage usage, long latencyMs) {

    public String text() {
        return message.text();
    }
}
