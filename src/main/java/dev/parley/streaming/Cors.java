package dev.parley.streaming;

import dev.parley.http.Dialects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CORS for the streaming API, which the function must answer itself (a REST API's proxy
 * integrations pass preflights and responses through): the same policy the HTTP API's CORS
 * configuration applies in template.yaml (allowed origins from {@code CorsAllowedOrigins}, the
 * request headers {@code content-type}, {@code authorization}, {@code cache-control}, the exposed
 * response headers, 10 minutes of preflight caching), for the two POST routes.
 */
@ApplicationScoped
public class Cors {
    /** Parley's own request headers; each dialect adds its clients' ({@code http/Dialect}). */
    static final List<String> OWN_REQUEST_HEADERS =
            List.of("content-type", "authorization", "cache-control", "x-api-key");

    static final String EXPOSE_HEADERS =
            "location,retry-after,allow,x-parley-cache,x-request-id,x-parley-model-id,"
                    + "x-parley-warning,x-parley-token-count,x-ratelimit-limit-requests,x-ratelimit-remaining-requests,"
                    + "x-ratelimit-reset-requests,x-ratelimit-limit-tokens,x-ratelimit-remaining-tokens,x-ratelimit-reset-tokens";

    private final List<String> origins;
    private final String allowHeaders;

    @Inject
    Cors(StreamingSettings settings, Dialects dialects) {
        this(settings.corsAllowedOrigins().orElse(List.of()), dialects.requestHeaders());
    }

    /** For tests: the policy for these origins, with no dialect's request headers. */
    Cors(List<String> origins) {
        this(origins, List.of());
    }

    /** For tests: the policy for these origins, with these dialects' request headers. */
    Cors(List<String> origins, List<String> dialectHeaders) {
        this.origins = origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        List<String> allowed = new ArrayList<>(OWN_REQUEST_HEADERS);
        dialectHeaders.stream().filter(h -> !allowed.contains(h)).forEach(allowed::add);
        this.allowHeaders = String.join(",", allowed);
    }

    /** The headers a response to {@code origin} carries; none when the origin is not allowed. */
    Map<String, String> response(Optional<String> origin) {
        return allowed(origin)
                .map(
                        allowed -> {
                            Map<String, String> headers = new LinkedHashMap<>();
                            headers.put("Access-Control-Allow-Origin", allowed);
                            headers.put("Access-Control-Expose-Headers", EXPOSE_HEADERS);
                            if (!allowed.equals("*")) {
                                headers.put("Vary", "Origin");
                            }
                            return headers;
                        })
                .orElse(Map.of());
    }

    /** The answer's headers to a preflight ({@code OPTIONS}) from {@code origin}; none when not allowed. */
    Map<String, String> preflight(Optional<String> origin) {
        Map<String, String> headers = new LinkedHashMap<>(response(origin));
        if (!headers.isEmpty()) {
            headers.remove("Access-Control-Expose-Headers");
            headers.put("Access-Control-Allow-Methods", "POST,OPTIONS");
            headers.put("Access-Control-Allow-Headers", allowHeaders);
            headers.put("Access-Control-Max-Age", "600");
        }
        return headers;
    }

    private Optional<String> allowed(Optional<String> origin) {
        if (origins.contains("*")) {
            return Optional.of("*");
        }
        return origin.filter(origins::contains);
    }
}
