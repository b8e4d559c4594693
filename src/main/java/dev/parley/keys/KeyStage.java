package dev.parley.keys;

import dev.parley.budgets.Budgets;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelCallStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A key's limits on every model call it makes, whatever route or protocol: its model list (403
 * {@code model_not_allowed_for_key} naming the allowed models), its own token and USD budgets
 * (429 {@code quota_exceeded}, checked like a caller's, one Query per limited period), and its
 * tokens for the per-minute counter ({@link RateLimiter}, reported with the key's next request).
 * A call without a key passes untouched and costs nothing.
 */
@ApplicationScoped
public class KeyStage implements ModelCallStage {
    /** After the capability check (100), before the caller's budget (200) and anything that spends. */
    static final int ORDER = 150;

    private final KeyVerifier verifier;
    private final KeyStore store;
    private final Budgets budgets;
    private final RateLimiter limiter;

    KeyStage(KeyVerifier verifier, KeyStore store, Budgets budgets, RateLimiter limiter) {
        this.verifier = verifier;
        this.store = store;
        this.budgets = budgets;
        this.limiter = limiter;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ModelCall prepare(CallContext context, ModelCall call) {
        admit(context, call.model());
        return call;
    }

    @Override
    public void completed(CallContext context, ModelCall call, ModelReply reply, long overheadMs) {
        if (!reply.cached()) {
            charge(context, reply.usage());
        }
    }

    /** The service tier the call's key names as its default, if it has a key that does. */
    public java.util.Optional<dev.parley.modelcall.ServiceTier> defaultTier(CallContext context) {
        return keyOf(context).flatMap(key -> key.limits().serviceTier());
    }

    /**
     * Refuses a call the key may not make (its model list, its own budgets). Also what the Invoke
     * Model passthrough and embeddings ({@code invoke/MeteredInvoke}) ask, since they are not
     * Converse calls: a key limited to some models reaches no other model by any route.
     */
    public void admit(CallContext context, ModelSpec model) {
        Optional<ApiKey> key = keyOf(context);
        if (key.isEmpty()) {
            return;
        }
        KeyLimits limits = key.get().limits();
        if (!limits.allowsModel(model.alias()) && !limits.models().contains(model.modelId())) {
            throw new ParleyException(
                    ErrorCode.MODEL_NOT_ALLOWED_FOR_KEY,
                    "API key "
                            + key.get().id()
                            + " may not use model '"
                            + model.alias()
                            + "'; it may use: "
                            + String.join(", ", limits.models()));
        }
        if (limits.budgeted()) {
            budgets.requireKeyWithin(
                    context.caller(),
                    key.get().id(),
                    limits.dailyTokens(),
                    limits.dailyUsd(),
                    limits.monthlyTokens(),
                    limits.monthlyUsd(),
                    context.route());
        }
    }

    /** Counts a call's tokens against the key's tokens-per-minute limit. */
    public void charge(CallContext context, Usage usage) {
        context.keyId().ifPresent(id -> limiter.charge(id, usage.totalTokens()));
    }

    /** The call's key as this instance verified it; read again if it fell out of the cache meanwhile. */
    private Optional<ApiKey> keyOf(CallContext context) {
        if (context.keyId().isEmpty()) {
            return Optional.empty();
        }
        String id = context.keyId().get();
        if (BootstrapKey.ID.equals(id)) {
            return Optional
                    .empty(); // the bootstrap key has no limits, and no item to read them from
        }
        Optional<ApiKey> key = verifier.recent(id).or(() -> store.find(id));
        if (key.isEmpty()) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "API key " + id + " was revoked");
        }
        return key;
    }
}
