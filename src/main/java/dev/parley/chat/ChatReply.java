package dev.parley.chat;

import dev.parley.bedrock.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /v1/chat} answer. */
@RegisterForReflection
public record ChatReply(String conversationId, int turn, String reply, String model, String modelId, String stopReason,
        Usage usage, long latencyMs) {
}
