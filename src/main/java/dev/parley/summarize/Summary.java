package dev.parley.summarize;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.guardrails.GuardrailView;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /v1/summarize} answer. {@code cached}: served from the response cache (no model call;
 * {@code usage} and {@code latencyMs} are those of the call that made it). {@code serviceTier}: the
 * tier Bedrock served the call on.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
        String summary,
        String style,
        String model,
        String modelId,
        String stopReason,
        Usage usage,
        long latencyMs,
        GuardrailView guardrail,
        boolean cached,
        String serviceTier) {}
