package dev.parley.keys;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.Admission;
import dev.parley.http.HttpRequest;
import dev.parley.http.Route;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admission step that enforces a key's {@code rpm} and {@code tpm} ({@link RateLimiter}): 429
 * {@code rate_limited} with {@code Retry-After} over a limit, and the {@code x-ratelimit-*} headers
 * OpenAI's clients read on every answer to a rate-limited key. Cost: one DynamoDB UpdateItem per
 * request of a key with a rate limit; nothing for any other request.
 */
@ApplicationScoped
class RateLimitAdmission implements Admission {
    static final int ORDER = 400;

    private final KeyVerifier verifier;
    private final RateLimiter limiter;
    private final Clock clock;

    RateLimitAdmission(KeyVerifier verifier, RateLimiter limiter, Clock clock) {
        this.verifier = verifier;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Admitted admit(Route route, HttpRequest request) {
        ApiKey key = request.identity().keyId().flatMap(verifier::recent).orElse(null);
        if (key == null || !key.limits().rateLimited()) {
            return Admitted.as(request);
        }
        RateLimiter.Decision decision = limiter.admit(key);
        long seconds =
                Math.max(
                        1,
                        (Duration.between(clock.instant(), decision.resetsAt()).toMillis() + 999)
                                / 1000);
        Map<String, String> headers = headers(key.limits(), decision, seconds);
        if (!decision.admitted()) {
            headers.put("Retry-After", Long.toString(seconds));
            String what =
                    key.limits().rpm().isPresent()
                                    && decision.requests() >= key.limits().rpm().getAsInt()
                            ? decision.requests()
                                    + " of "
                                    + key.limits().rpm().getAsInt()
                                    + " requests"
                            : decision.tokens() + " of " + key.limits().tpm().orElse(0) + " tokens";
            throw new ParleyException(
                    ErrorCode.RATE_LIMITED,
                    "API key "
                            + key.id()
                            + " has used "
                            + what
                            + " this minute; retry after "
                            + seconds
                            + " s",
                    headers,
                    null);
        }
        return new Admitted(request, headers);
    }

    private static Map<String, String> headers(
            KeyLimits limits, RateLimiter.Decision decision, long seconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        limits.rpm()
                .ifPresent(
                        rpm -> {
                            headers.put("x-ratelimit-limit-requests", Integer.toString(rpm));
                            headers.put(
                                    "x-ratelimit-remaining-requests",
                                    Long.toString(Math.max(0, rpm - decision.requests())));
                            headers.put("x-ratelimit-reset-requests", seconds + "s");
                        });
        limits.tpm()
                .ifPresent(
                        tpm -> {
                            headers.put("x-ratelimit-limit-tokens", Long.toString(tpm));
                            headers.put(
                                    "x-ratelimit-remaining-tokens",
                                    Long.toString(Math.max(0, tpm - decision.tokens())));
                            headers.put("x-ratelimit-reset-tokens", seconds + "s");
                        });
        return headers;
    }
}
