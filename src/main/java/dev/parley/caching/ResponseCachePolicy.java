package dev.parley.caching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.CallContext.ResponseCaching;
import dev.parley.pipeline.RouteNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one place that decides whether a model call may be answered from, and stored to, the
 * response cache. Every route is cacheable by default, so a new route or edge needs no code for
 * it; {@code parley.cache.exempt-routes} opts routes out by name. A cacheable route's call is
 * cached only at temperature 0 (the one setting under which a stored answer is one the model
 * would give), unless {@code parley.cache.any-temperature-routes} names the route. Streamed
 * calls are never cached (a stored answer has no deltas to replay), and the client's {@code
 * Cache-Control: no-cache} (carried in the context) turns a lookup into a refresh.
 */
@ApplicationScoped
public class ResponseCachePolicy {
    private final ResponseCacheSettings settings;

    ResponseCachePolicy(ResponseCacheSettings settings) {
        this.settings = settings;
    }

    /** What the cache may do for a call of {@code context} sampled at {@code temperature}. */
    public ResponseCaching decide(CallContext context, Optional<Double> temperature) {
        if (!settings.enabled()
                || context.responseCache() == ResponseCaching.OFF
                || context.streaming()
                || !cacheable(context.route())) {
            return ResponseCaching.OFF;
        }
        boolean deterministic = temperature.filter(t -> t == 0.0).isPresent();
        if (!deterministic && !RouteNames.names(settings.anyTemperatureRoutes(), context.route())) {
            return ResponseCaching.OFF;
        }
        return context.responseCache();
    }

    /** Whether {@code route}'s calls may be cached at all: every route not named as exempt. */
    public boolean cacheable(String route) {
        return !RouteNames.names(settings.exemptRoutes(), route);
    }

    /** Tells the request's {@code X-Parley-Cache} that a cacheable call was a hit or a miss. */
    public void record(CallContext context, boolean hit) {
        context.cacheNotice().ifPresent(notice -> notice.record(hit));
    }

    /** An InvokeModel body's temperature, wherever the model family puts it. */
    public static Optional<Double> invokeTemperature(JsonNode body) {
        for (JsonNode candidate :
                new JsonNode[] {
                    body.path("temperature"),
                    body.path("inferenceConfig").path("temperature"),
                    body.path("textGenerationConfig").path("temperature")
                }) {
            if (candidate.isNumber()) {
                return Optional.of(candidate.asDouble());
            }
        }
        return Optional.empty();
    }
}
