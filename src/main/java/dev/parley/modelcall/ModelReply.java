package dev.parley.modelcall;

import java.util.Map;
import java.util.Optional;

/**
 * A model's answer. {@code latencyMs} is Bedrock's own measurement ({@code metrics.latencyMs}),
 * not Parley's wall clock. {@code cached} is true when the pipeline answered from the response
 * cache (no model call; {@code usage} is the original call's). {@code invokedModelId}: when
 * {@code model} is a prompt router, the model that actually answered, as Bedrock names it
 * ({@code trace.promptRouter.invokedModelId}, an inference-profile or foundation-model ARN).
 * {@code guardrailUnits}: the units the call's guardrails were billed for, by guardrail id (the
 * request's own and any the account enforces), as the guardrail trace reports them; empty when the
 * call had no guardrail or did not ask for the trace.
 */
public record ModelReply(
        ModelSpec model,
        ChatMessage message,
        String stopReason,
        Usage usage,
        long latencyMs,
        Optional<GuardrailOutcome> guardrail,
        boolean cached,
        Optional<ServiceTier> serviceTier,
        Optional<String> invokedModelId,
        Map<String, GuardrailUsage> guardrailUnits) {

    public ModelReply {
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
        invokedModelId = invokedModelId == null ? Optional.empty() : invokedModelId;
        guardrailUnits = guardrailUnits == null ? Map.of() : Map.copyOf(guardrailUnits);
    }

    public ModelReply(
            ModelSpec model,
            ChatMessage message,
            String stopReason,
            Usage usage,
            long latencyMs,
            Optional<GuardrailOutcome> guardrail,
            boolean cached,
            Optional<ServiceTier> serviceTier,
            Optional<String> invokedModelId) {
        this(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                cached,
                serviceTier,
                invokedModelId,
                Map.of());
    }

    public ModelReply(
            ModelSpec model,
            ChatMessage message,
            String stopReason,
            Usage usage,
            long latencyMs,
            Optional<GuardrailOutcome> guardrail,
            boolean cached,
            Optional<ServiceTier> serviceTier) {
        this(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                cached,
                serviceTier,
                Optional.empty());
    }

    public ModelReply(
            ModelSpec model,
            ChatMessage message,
            String stopReason,
            Usage usage,
            long latencyMs,
            Optional<GuardrailOutcome> guardrail,
            boolean cached) {
        this(model, message, stopReason, usage, latencyMs, guardrail, cached, Optional.empty());
    }

    public ModelReply(
            ModelSpec model, ChatMessage message, String stopReason, Usage usage, long latencyMs) {
        this(model, message, stopReason, usage, latencyMs, Optional.empty(), false);
    }

    /** The tier Bedrock served the call on, as it reports it ({@code serviceTier.type}); empty when it did not say. */
    public ModelReply servedOn(Optional<ServiceTier> tier) {
        return new ModelReply(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                cached,
                tier,
                invokedModelId,
                guardrailUnits);
    }

    /** The model a prompt router sent the call to, as Bedrock's trace names it; empty for any other model. */
    public ModelReply answeredBy(Optional<String> invoked) {
        return new ModelReply(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                cached,
                serviceTier,
                invoked,
                guardrailUnits);
    }

    /** The units the call's guardrails were billed for, by guardrail id (from the trace). */
    public ModelReply withGuardrailUnits(Map<String, GuardrailUsage> units) {
        return new ModelReply(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                cached,
                serviceTier,
                invokedModelId,
                units);
    }

    /** The tier's wire name for answers: Bedrock's standard tier is {@code default}. */
    public String serviceTierName() {
        return serviceTier.orElse(ServiceTier.DEFAULT).wireName();
    }

    public String text() {
        return message.text();
    }

    /** The model's reasoning text; empty when it did not reason. */
    public String reasoning() {
        return message.reasoning();
    }

    public ModelReply asCached() {
        return new ModelReply(
                model,
                message,
                stopReason,
                usage,
                latencyMs,
                guardrail,
                true,
                serviceTier,
                invokedModelId,
                guardrailUnits);
    }
}
