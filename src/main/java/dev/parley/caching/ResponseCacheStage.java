package dev.parley.caching;

import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Answers a cacheable call ({@link CallContext.ResponseCaching#USE}) from the response cache, and
 * stores the model's fresh answer of a cacheable call ({@code USE} or {@code REFRESH}). Runs after
 * the guardrail and prompt-caching stages, so its key is that of the call as it will be sent. Only
 * complete answers are stored: no tool use, no guardrail intervention.
 */
@ApplicationScoped
public class ResponseCacheStage implements ModelCallStage {
    static final int ORDER = 500;

    private final ResponseCache cache;

    ResponseCacheStage(ResponseCache cache) {
        this.cache = cache;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Optional<ModelReply> answer(CallContext context, ModelCall call) {
        if (!cache.enabled() || context.responseCache() != CallContext.ResponseCaching.USE) {
            return Optional.empty();
        }
        return cache.find(cache.keyFor(context.caller(), context.route(), call), call);
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        if (!cache.enabled()
                || context.responseCache() == CallContext.ResponseCaching.OFF
                || reply.cached()
                || reply.guardrail().isPresent()
                || !storable(reply.stopReason())) {
            return;
        }
        cache.store(cache.keyFor(context.caller(), context.route(), call), context.route(), reply);
    }

    private static boolean storable(String stopReason) {
        return "end_turn".equals(stopReason)
                || "stop_sequence".equals(stopReason)
                || "max_tokens".equals(stopReason);
    }
}
