package dev.parley.summarize;

import dev.parley.bedrock.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /v1/summarize} answer. */
@RegisterForReflection
public record Summary(String summary, String style, String model, String modelId, String stopReason, Usage usage,
        long latencyMs) {
}
