package dev.parley.invoke;

import dev.parley.bedrock.InvokeGateway;
import dev.parley.budgets.Budgets;
import dev.parley.controls.ControlsStage;
import dev.parley.error.ParleyException;
import dev.parley.guardrails.GuardrailStage;
import dev.parley.keys.KeyStage;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.InvokeReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.usage.GuardrailCharges;
import dev.parley.usage.TierLabels;
import dev.parley.usage.UsageEvent;
import dev.parley.usage.UsageRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * An Invoke Model call with what the Converse pipeline's stages do around every model call: the
 * caller's budget checked before it (its callers check an API key's model list and budgets with
 * {@code keys/KeyStage.admit}: the passthrough before its response cache, embeddings once per request), its usage (Bedrock's token-count headers) charged to the
 * ledger and its metrics published after it. The one way for Invoke Model callers (the
 * passthrough route, embeddings) to call a model.
 */
@ApplicationScoped
public class MeteredInvoke {
    private final InvokeGateway invoke;
    private final Budgets budgets;
    private final UsageRecorder usage;
    private final Metrics metrics;
    private final Clock clock;
    private final KeyStage keys;
    private final ControlsStage controls;
    private final GuardrailStage guardrails;

    MeteredInvoke(
            InvokeGateway invoke,
            Budgets budgets,
            UsageRecorder usage,
            Metrics metrics,
            Clock clock,
            KeyStage keys,
            ControlsStage controls,
            GuardrailStage guardrails) {
        this.guardrails = guardrails;
        this.keys = keys;
        this.controls = controls;
        this.invoke = invoke;
        this.budgets = budgets;
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
    }

    public InvokeReply call(CallContext context, ModelSpec model, String nativeJsonBody) {
        return call(context, model, nativeJsonBody, false);
    }

    /**
     * {@code tiered}: the passthrough, whose calls may run on a service tier and carry the configured
     * guardrail (unless parley.guardrails.exempt-routes names {@code invoke}); embeddings run on the standard
     * tier and unguarded (Bedrock's guardrails assess text generation).
     */
    public InvokeReply call(
            CallContext context, ModelSpec model, String nativeJsonBody, boolean tiered) {
        String caller = context.caller();
        String route = context.route();
        budgets.requireWithin(caller, route);
        long started = System.nanoTime();
        InvokeReply reply;
        dev.parley.modelcall.CallControls sent;
        try {
            sent = controls.invocationControls(context, tiered);
            reply =
                    invoke.call(
                            model,
                            nativeJsonBody,
                            sent,
                            tiered
                                    ? guardrails.forInvoke(route, model)
                                    : java.util.Optional.empty());
        } catch (ParleyException e) {
            metrics.modelError(route, model.alias(), e.code());
            throw e;
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        usage.record(
                new UsageEvent(
                        caller,
                        context.keyId(),
                        route,
                        TierLabels.label(model.alias(), sent.serviceTier()),
                        reply.usage(),
                        clock.instant()));
        // The guardrail inside the call is billed apart from the tokens, per guardrail (the
        // account's enforced one included), as on Converse calls.
        GuardrailCharges.events(
                        caller, context.keyId(), route, reply.guardrailUnits(), clock.instant())
                .forEach(usage::record);
        keys.charge(context, reply.usage()); // the key's tokens per minute
        metrics.modelCall(
                route,
                model.alias(),
                reply.usage(),
                reply.latencyMs(),
                Math.max(0, wallMs - reply.latencyMs()),
                false,
                reply.guardrailIntervened());
        return reply;
    }
}
