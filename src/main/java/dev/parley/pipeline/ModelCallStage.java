package dev.parley.pipeline;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import java.util.Optional;

/**
 * One concern of every model call (capability checks, budgets, guardrails, prompt caching, the
 * response cache, the usage ledger, metrics), plugged into {@link ModelPipeline}. A stage is a
 * CDI bean; the pipeline runs all of them in {@link #order()} for every Converse and
 * ConverseStream call, whatever route made it. Every method has a default, so a stage implements
 * only the moments it cares about.
 */
public interface ModelCallStage {

    /** Lower runs first. Checks that refuse a call come before stages that spend anything. */
    int order();

    /**
     * Before the model is called: refuse the call (throw a {@link ParleyException}) or return it
     * rewritten (a guardrail, cache points). Returns the call unchanged by default.
     */
    default ModelCall prepare(CallContext context, ModelCall call) {
        return call;
    }

    /** An answer without calling the model (the response cache). The first stage that answers wins. */
    default Optional<ModelReply> answer(CallContext context, ModelCall call) {
        return Optional.empty();
    }

    /**
     * After the call was answered, by the model or by {@link #answer}. {@code overheadMs} is
     * Parley's own time around the model call. A stage's failure here is logged, never the caller's.
     */
    default void completed(
            CallContext context, ModelCall call, ModelReply reply, long overheadMs) {}

    /** After the model call failed; the error still reaches the caller. Failures here are logged only. */
    default void failed(CallContext context, ModelCall call, ParleyException error) {}
}
