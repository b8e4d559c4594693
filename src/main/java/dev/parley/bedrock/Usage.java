package dev.parley.bedrock;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Token counts as Bedrock reports them. */
@RegisterForReflection
public record Usage(int inputTokens, int outputTokens, int totalTokens) {
}
