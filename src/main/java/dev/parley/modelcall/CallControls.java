package dev.parley.modelcall;

import java.util.Map;
import java.util.Optional;

/**
 * Bedrock's per-call controls that are not about the prompt: the service tier the call runs on
 * and the {@code requestMetadata} tags Bedrock writes into its model-invocation logs. A route may
 * ask for a tier; the pipeline's controls stage fills in the caller's default tier and the tags
 * (ids only), so a route never writes tags itself.
 */
public record CallControls(Optional<ServiceTier> serviceTier, Map<String, String> requestMetadata) {

    public static final CallControls NONE = new CallControls(Optional.empty(), Map.of());

    public CallControls {
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
        requestMetadata = Map.copyOf(requestMetadata);
    }

    public CallControls withServiceTier(Optional<ServiceTier> tier) {
        return new CallControls(tier, requestMetadata);
    }

    public CallControls withRequestMetadata(Map<String, String> metadata) {
        return new CallControls(serviceTier, metadata);
    }
}
