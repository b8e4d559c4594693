package dev.parley.caching;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.CallContext.ResponseCaching;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Answers a cacheable call ({@link ResponseCachePolicy} says {@code USE}) from the response cache,
 * and stores the model's fresh answer of a cacheable call ({@code USE} or {@code REFRESH}); every
 * cacheable call's hit or miss goes to the request's {@code X-Parley-Cache}. Runs after
 * the guardrail and prompt-caching stages, so its key is that of the call as it will be sent. Only
 * complete answers are stored: no tool use, no guardrail intervention.
 */
@ApplicationScoped
public class ResponseCacheStage implements ModelCallStage {
    static final int ORDER = 500;

    private final ResponseCache cache;
    private final ResponseCachePolicy policy;

    ResponseCacheStage(ResponseCache cache, ResponseCachePolicy policy) {
        this.cache = cache;
        this.policy = policy;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Optional<ModelReply> answer(CallContext context, ModelCall call) {
        if (caching(context, call) != ResponseCaching.USE) {
            return Optional.empty();
        }
        return cache.find(cache.keyFor(context.caller(), context.route(), call), call);
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        if (caching(context, call) == ResponseCaching.OFF) {
            return;
        }
        policy.record(context, reply.cached());
        if (reply.cached() || reply.guardrail().isPresent() || !storable(reply.stopReason())) {
            return;
        }
        cache.store(cache.keyFor(context.caller(), context.route(), call), context.route(), reply);
    }

    @Override
    public void failed(CallContext context, ModelCall call, ParleyException error) {
        if (caching(context, call) != ResponseCaching.OFF) {
            policy.record(context, false);
        }
    }

    private ResponseCaching caching(CallContext context, ModelCall call) {
        return policy.decide(context, call.inference().temperature());
    }

    private static boolean storable(String stopReason) {
        return "end_turn".equals(stopReason)
                || "stop_sequence".equals(stopReason)
                || "max_tokens".equals(stopReason);
    }
}
