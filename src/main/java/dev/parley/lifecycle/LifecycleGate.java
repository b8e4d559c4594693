package dev.parley.lifecycle;

import dev.parley.bedrock.LifecycleCheck;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.metrics.Metrics;
import dev.parley.modelcall.ModelLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle check of every model a request names, run by the catalog's resolution step so
 * every route has it: a retired model is refused (410 {@code model_retired}, naming the
 * replacement) before Bedrock is called; a legacy one is counted ({@code LegacyModelCalls}) and
 * its warning headers go to the response.
 */
@ApplicationScoped
public class LifecycleGate implements LifecycleCheck {
    private final Clock clock;
    private final Metrics metrics;
    private final AccountLifecycles account;

    LifecycleGate(Clock clock, Metrics metrics, AccountLifecycles account) {
        this.clock = clock;
        this.metrics = metrics;
        this.account = account;
    }

    /** {@code alias}'s lifecycle today (the matrix's dates and the account's report); throws for a retired model. */
    @Override
    public ModelLifecycle.State check(String alias, String modelId, ModelLifecycle matrix) {
        ModelLifecycle lifecycle = account.facts(modelId, matrix).lifecycle();
        ModelLifecycle.State state = lifecycle.state(clock.millis());
        switch (state) {
            case RETIRED -> throw retired(alias, modelId, lifecycle);
            case LEGACY -> {
                metrics.legacyModelCall(alias);
                LifecycleNotices.record(lifecycle);
            }
            case ACTIVE -> {}
        }
        return state;
    }

    /** The state of these dates today (no metric, no headers). */
    @Override
    public ModelLifecycle.State state(ModelLifecycle lifecycle) {
        return lifecycle.state(clock.millis());
    }

    /** The state a listing shows: the matrix's dates combined with the account's report. */
    @Override
    public ModelLifecycle.State currentState(String modelId, ModelLifecycle matrix) {
        return state(account.facts(modelId, matrix).lifecycle());
    }

    private static ParleyException retired(String alias, String modelId, ModelLifecycle lifecycle) {
        String message =
                "model '"
                        + alias
                        + "' ("
                        + modelId
                        + ") reached its end of life on Amazon Bedrock on "
                        + lifecycle.eolDate().map(Object::toString).orElse("?")
                        + lifecycle
                                .replacement()
                                .map(r -> "; use '" + r + "' instead")
                                .orElse("; choose another model")
                        + " (see GET /v1/models)";
        Map<String, String> headers =
                new LinkedHashMap<>(lifecycle.headers(ModelLifecycle.V1_MODELS_PATH));
        headers.remove("Deprecation");
        return new ParleyException(ErrorCode.MODEL_RETIRED, message, headers, null);
    }
}
