package dev.parley.caching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.pipeline.CallContext;
import java.util.Locale;

/**
 * What routes need to use the response cache: whether a request may be answered from it
 * ({@code Cache-Control: no-cache} bypasses it), and the {@code X-Parley-Cache} header.
 */
public final class CacheRequests {
    public static final String HEADER = "X-Parley-Cache";

    private CacheRequests() {}

    /** USE, or REFRESH when the client sent {@code Cache-Control: no-cache}. */
    public static CallContext.ResponseCaching caching(HttpRequest request) {
        boolean noCache =
                request.header("cache-control")
                        .map(v -> v.toLowerCase(Locale.ROOT).contains("no-cache"))
                        .orElse(false);
        return noCache ? CallContext.ResponseCaching.REFRESH : CallContext.ResponseCaching.USE;
    }

    /** Compare and invoke are cacheable only when sampling is deterministic enough: temperature 0. */
    public static CallContext.ResponseCaching caching(
            HttpRequest request, InferenceSettings inference) {
        return inference.temperature().filter(t -> t == 0.0).isPresent()
                ? caching(request)
                : CallContext.ResponseCaching.OFF;
    }

    /** An InvokeModel body's temperature, wherever the model family puts it, when it is 0. */
    public static boolean zeroTemperature(JsonNode body) {
        for (JsonNode candidate :
                new JsonNode[] {
                    body.path("temperature"),
                    body.path("inferenceConfig").path("temperature"),
                    body.path("textGenerationConfig").path("temperature")
                }) {
            if (candidate.isNumber()) {
                return candidate.asDouble() == 0.0;
            }
        }
        return false;
    }

    /** The response with {@code X-Parley-Cache: hit|miss}, when the request was cacheable and the cache is on. */
    public static HttpResponse withHeader(
            HttpResponse response,
            CallContext.ResponseCaching caching,
            boolean enabled,
            boolean hit) {
        if (!enabled || caching == CallContext.ResponseCaching.OFF) {
            return response;
        }
        return response.withHeader(HEADER, hit ? "hit" : "miss");
    }
}
