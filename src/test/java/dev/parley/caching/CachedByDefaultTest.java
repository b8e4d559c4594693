package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.CallContext.ResponseCaching;
import dev.parley.pipeline.RouteNames;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every route's calls are cacheable unless parley.cache.exempt-routes names the route, and the
 * default list names exactly the routes that were not cached before the decision moved into {@link
 * ResponseCachePolicy}.
 */
class CachedByDefaultTest {
    private static final Optional<Double> ZERO = Optional.of(0.0);
    private static final Optional<Double> WARM = Optional.of(0.7);

    /** Every route name a model call carries today, and one an edge added tomorrow would carry. */
    private static final List<String> CACHED =
            List.of("summarize", "compare", "invoke", "a-route-added-tomorrow");

    private static final List<String> NOT_CACHED =
            List.of(
                    "chat",
                    "tools",
                    "stream",
                    "documents",
                    "openai",
                    "openai.responses",
                    "openai.embeddings",
                    "anthropic",
                    "anthropic.count_tokens");

    @Test
    void everyRouteIsCachedOrNamedInTheDefaultExemptList() {
        ResponseCachePolicy policy = policy(defaults(), anyTemperature());
        for (String route : CACHED) {
            assertTrue(policy.cacheable(route), route);
            assertEquals(ResponseCaching.USE, policy.decide(call(route), ZERO), route);
        }
        for (String route : NOT_CACHED) {
            assertFalse(policy.cacheable(route), route);
            assertTrue(RouteNames.names(defaults(), route), route + " is named by the default");
            assertEquals(ResponseCaching.OFF, policy.decide(call(route), ZERO), route);
        }
    }

    @Test
    void aRouteRemovedFromTheExemptListIsCached() {
        List<String> withoutAnthropic =
                defaults().stream().filter(name -> !name.equals("anthropic")).toList();
        ResponseCachePolicy policy = policy(withoutAnthropic, anyTemperature());
        assertEquals(ResponseCaching.USE, policy.decide(call("anthropic"), ZERO));
        assertEquals(ResponseCaching.USE, policy.decide(call("anthropic.count_tokens"), ZERO));
        assertEquals(ResponseCaching.OFF, policy.decide(call("openai"), ZERO));
        assertEquals(ResponseCaching.OFF, policy.decide(call("chat"), ZERO));
    }

    @Test
    void onlyNamedRoutesAreCachedAtAnyTemperature() {
        ResponseCachePolicy policy = policy(defaults(), anyTemperature());
        assertEquals(ResponseCaching.USE, policy.decide(call("summarize"), WARM));
        assertEquals(ResponseCaching.USE, policy.decide(call("summarize"), Optional.empty()));
        assertEquals(ResponseCaching.OFF, policy.decide(call("compare"), WARM));
        assertEquals(ResponseCaching.OFF, policy.decide(call("compare"), Optional.empty()));
        assertEquals(ResponseCaching.OFF, policy.decide(call("a-route-added-tomorrow"), WARM));
    }

    @Test
    void theClientTheStreamAndTheSwitchDecideInTheSamePlace() {
        ResponseCachePolicy policy = policy(defaults(), anyTemperature());
        assertEquals(
                ResponseCaching.REFRESH,
                policy.decide(call("summarize").withResponseCache(ResponseCaching.REFRESH), ZERO),
                "Cache-Control: no-cache refreshes");
        assertEquals(
                ResponseCaching.OFF,
                policy.decide(call("summarize").withResponseCache(ResponseCaching.OFF), ZERO),
                "a call that must not be cached is not");
        assertEquals(
                ResponseCaching.OFF,
                policy.decide(call("summarize").asStream(), ZERO),
                "a stored answer has no deltas to replay");
        assertEquals(
                ResponseCaching.OFF,
                new ResponseCachePolicy(settings(false, defaults(), anyTemperature()))
                        .decide(call("summarize"), ZERO),
                "the cache is off");
    }

    private static CallContext call(String route) {
        return new CallContext("caller", route, ResponseCaching.USE);
    }

    private static List<String> defaults() {
        return defaultsOf(ResponseCacheSettings.DEFAULT_EXEMPT_ROUTES);
    }

    private static List<String> anyTemperature() {
        return defaultsOf(ResponseCacheSettings.DEFAULT_ANY_TEMPERATURE_ROUTES);
    }

    private static List<String> defaultsOf(String commaSeparated) {
        return Arrays.asList(commaSeparated.split(","));
    }

    private static ResponseCachePolicy policy(List<String> exempt, List<String> anyTemperature) {
        return new ResponseCachePolicy(settings(true, exempt, anyTemperature));
    }

    private static ResponseCacheSettings settings(
            boolean enabled, List<String> exempt, List<String> anyTemperature) {
        return new ResponseCacheSettings() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public List<String> exemptRoutes() {
                return exempt;
            }

            @Override
            public List<String> anyTemperatureRoutes() {
                return anyTemperature;
            }

            @Override
            public Optional<String> tableName() {
                return Optional.empty();
            }

            @Override
            public Duration ttl() {
                return Duration.ofHours(1);
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public String promptVersion() {
                return "1";
            }

            @Override
            public int maxItemBytes() {
                return 300_000;
            }
        };
    }
}
