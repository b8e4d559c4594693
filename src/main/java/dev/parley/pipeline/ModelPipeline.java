package dev.parley.pipeline;

import dev.parley.bedrock.AbandonedStream;
import dev.parley.bedrock.ConverseGateway;
import dev.parley.bedrock.ConverseStreamGateway;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.StreamListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one path of a model call. Routes, the tool loop, the stream and the documents path call
 * {@link #converse} or {@link #stream}; the pipeline runs every {@link ModelCallStage} around the
 * Bedrock gateways: prepare (checks, rewrites) in order, then the first stage's answer or the
 * model's, then completed (or failed) for every stage.
 */
@ApplicationScoped
public class ModelPipeline {
    private static final Logger LOG = Logger.getLogger(ModelPipeline.class);

    private final List<ModelCallStage> stages;
    private final ConverseGateway converse;
    private final ConverseStreamGateway stream;

    ModelPipeline(
            Instance<ModelCallStage> stages,
            ConverseGateway converse,
            ConverseStreamGateway stream) {
        List<ModelCallStage> sorted = new ArrayList<>();
        stages.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(ModelCallStage::order));
        this.stages = List.copyOf(sorted);
        this.converse = converse;
        this.stream = stream;
    }

    public ModelReply converse(CallContext context, ModelCall call) {
        return run(context, call, converse::converse);
    }

    /** ConverseStream: deltas reach {@code listener} as they arrive; the assembled reply is returned. */
    public ModelReply stream(
            CallContext context, ModelCall call, StreamListener listener, Duration timeout) {
        return run(
                context.asStream(), call, prepared -> stream.stream(prepared, listener, timeout));
    }

    /**
     * A request about a model call that runs no model (Anthropic's {@code count_tokens}): the
     * stages admit it as they admit a call (key and its models, budgets, capabilities, guardrail
     * coverage, lifecycle), then meter and record it (its {@code work}'s reply, zero tokens). It
     * never uses the response cache: a stored answer is no answer to {@code work}.
     */
    public ModelReply withoutModel(
            CallContext context, ModelCall call, Function<ModelCall, ModelReply> work) {
        return run(context.withResponseCache(CallContext.ResponseCaching.OFF), call, work);
    }

    private ModelReply run(
            CallContext context, ModelCall call, Function<ModelCall, ModelReply> model) {
        long started = System.nanoTime();
        ModelCall prepared = prepare(context, call);
        for (ModelCallStage stage : stages) {
            Optional<ModelReply> answer = stage.answer(context, prepared);
            if (answer.isPresent()) {
                completed(context, prepared, answer.get(), elapsedMs(started));
                return answer.get();
            }
        }
        long beforeModel = System.nanoTime();
        ModelReply reply;
        try {
            reply = model.apply(prepared);
        } catch (AbandonedStream abandoned) {
            // The client left mid-stream, the model answered in full: charged, then failed as
            // before.
            completed(
                    context,
                    prepared,
                    abandoned.reply(),
                    Math.max(0, elapsedMs(started) - elapsedMs(beforeModel)));
            throw abandoned.failure();
        } catch (RuntimeException e) {
            // The stages hear of every failure (metrics count it); the caller gets the error as
            // thrown.
            ParleyException failure =
                    e instanceof ParleyException parley
                            ? parley
                            : new ParleyException(
                                    ErrorCode.INTERNAL_ERROR,
                                    "the model call failed unexpectedly",
                                    Map.of(),
                                    e);
            for (ModelCallStage stage : stages) {
                quietly(stage, "failed", () -> stage.failed(context, prepared, failure));
            }
            throw e;
        }
        long modelMs = elapsedMs(beforeModel);
        completed(context, prepared, reply, Math.max(0, elapsedMs(started) - modelMs));
        return reply;
    }

    private ModelCall prepare(CallContext context, ModelCall call) {
        ModelCall prepared = call;
        for (ModelCallStage stage : stages) {
            prepared = stage.prepare(context, prepared);
        }
        return prepared;
    }

    private void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        for (ModelCallStage stage : stages) {
            quietly(stage, "completed", () -> stage.completed(context, call, reply, overheadMs));
        }
    }

    /** Bookkeeping after the call must never fail (or repeat) the caller's request. */
    private static void quietly(ModelCallStage stage, String step, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "model call stage %s failed in %s; the request goes on",
                    stage.getClass().getSimpleName(),
                    step);
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
