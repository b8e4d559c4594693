package dev.parley.metrics;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes tokens, latency, overhead, cache hits, guardrail interventions and errors of every model call. */
@ApplicationScoped
public class MetricsStage implements ModelCallStage {
    static final int ORDER = 950;

    private final Metrics metrics;

    MetricsStage(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        metrics.modelCall(
                context.route(),
                reply.model().alias(),
                reply.usage(),
                reply.latencyMs(),
                overheadMs,
                reply.cached(),
                reply.guardrail().map(GuardrailOutcome::intervened).orElse(false));
    }

    @Override
    public void failed(CallContext context, ModelCall call, ParleyException error) {
        metrics.modelError(context.route(), call.model().alias(), error.code());
    }
}
