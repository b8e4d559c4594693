package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An edge taken off parley.cache.exempt-routes is cached with no code of its own: the Anthropic
 * route answers a repeated call at temperature 0 from the cache, and the request gets {@code
 * X-Parley-Cache} from the router.
 */
@QuarkusTest
@TestProfile(CachedEdgeTest.AnthropicCached.class)
class CachedEdgeTest {

    public static class AnthropicCached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.cache.enabled",
                    "true",
                    "parley.cache.exempt-routes",
                    "chat,tools,stream,documents,openai");
        }
    }

    private final String question = "Name a river. Ref " + UUID.randomUUID() + ".";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private ProxyResult message(double temperature) {
        return Lambda.invoke(
                Lambda.as(
                        "user-" + question.hashCode(),
                        Lambda.http(
                                "POST",
                                "/anthropic/v1/messages",
                                Map.of(
                                        "model",
                                        "claude-haiku-4-5",
                                        "max_tokens",
                                        100,
                                        "temperature",
                                        temperature,
                                        "messages",
                                        List.of(Map.of("role", "user", "content", question))))));
    }

    private static long modelCalls() {
        return Emulator.control().calls().stream()
                .filter(c -> c.path("operation").asText().startsWith("converse"))
                .count();
    }

    @Test
    void aRepeatedCallAtTemperatureZeroIsAnsweredFromTheCache() {
        ProxyResult miss = message(0);
        assertEquals(200, miss.status(), miss.toString());
        assertEquals("miss", miss.header("X-Parley-Cache"));
        ProxyResult hit = message(0);
        assertEquals(200, hit.status(), hit.toString());
        assertEquals("hit", hit.header("X-Parley-Cache"));
        assertEquals(miss.body().at("/content/0/text"), hit.body().at("/content/0/text"));
        assertEquals(1, modelCalls());
    }

    @Test
    void aSampledCallIsNotCached() {
        ProxyResult first = message(0.7);
        assertEquals(null, first.header("X-Parley-Cache"));
        message(0.7);
        assertEquals(2, modelCalls());
    }
}
