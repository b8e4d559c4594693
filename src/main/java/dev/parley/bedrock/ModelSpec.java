package dev.parley.bedrock;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One allowed model, as resolved from the catalog. */
@RegisterForReflection
public record ModelSpec(
        String alias,
        String modelId,
        String provider,
        int maxOutputTokens,
        int contextTokens,
        Capabilities capabilities) {

    @RegisterForReflection
    public record Capabilities(boolean tools, boolean documents, boolean system, boolean streaming) {
    }
}
