package dev.parley.metrics;

import dev.parley.bedrock.ModelCatalog;
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
    private final ModelCatalog catalog;

    MetricsStage(Metrics metrics, ModelCatalog catalog) {
        this.metrics = metrics;
        this.catalog = catalog;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        metrics.modelCall(
                context.route(),
                answered(reply),
                reply.usage(),
                reply.latencyMs(),
                overheadMs,
                reply.cached(),
                reply.guardrail().map(GuardrailOutcome::intervened).orElse(false));
    }

    /**
     * The {@code Model} dimension: the model that answered. For a prompt router that is the model
     * Bedrock sent the call to ({@code trace.promptRouter.invokedModelId}), by its catalog alias,
     * so its tokens and latency sit with the model's own, not with the router's alias.
     */
    private String answered(ModelReply reply) {
        return reply.invokedModelId().map(catalog::answeringAlias).orElse(reply.model().alias());
    }

    @Override
    public void failed(CallContext context, ModelCall call, ParleyException error) {
        metrics.modelError(context.route(), call.model().alias(), error.code());
    }
}
