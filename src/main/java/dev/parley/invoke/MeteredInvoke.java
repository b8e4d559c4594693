package dev.parley.invoke;

import dev.parley.bedrock.InvokeGateway;
import dev.parley.budgets.Budgets;
import dev.parley.error.ParleyException;
import dev.parley.keys.KeyStage;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.InvokeReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.usage.UsageEvent;
import dev.parley.usage.UsageRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * An Invoke Model call with what the Converse pipeline's stages do around every model call: the
 * caller's budget checked before it (the passthrough route checks an API key's model list itself), its usage (Bedrock's token-count headers) charged to the
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

    MeteredInvoke(InvokeGateway invoke, Budgets budgets, UsageRecorder usage, Metrics metrics, Clock clock,
            KeyStage keys) {
        this.keys = keys;
        this.invoke = invoke;
        this.budgets = budgets;
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
    }

    public InvokeReply call(CallContext context, ModelSpec model, String nativeJsonBody) {
        String caller = context.caller();
        String route = context.route();
        budgets.requireWithin(caller, route);
        long started = System.nanoTime();
        InvokeReply reply;
        try {
            reply = invoke.call(model, nativeJsonBody);
        } catch (ParleyException e) {
            metrics.modelError(route, model.alias(), e.code());
            throw e;
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        usage.record(new UsageEvent(caller, context.keyId(), route, model.alias(), reply.usage(), clock.instant()));
        keys.charge(context, reply.usage()); // the key's tokens per minute
        metrics.modelCall(route, model.alias(), reply.usage(), reply.latencyMs(),
                Math.max(0, wallMs - reply.latencyMs()), false, false);
        return reply;
    }
}
