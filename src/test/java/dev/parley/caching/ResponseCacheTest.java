package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The response cache on DynamoDB Local: hit, miss, bypass, caller scoping and expiry. */
@QuarkusTest
@TestProfile(ResponseCacheTest.CacheOn.class)
class ResponseCacheTest {

    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.cache.enabled", "true", "parley.cache.ttl", "1h");
        }
    }

    static final String TEXT =
            "Summarize: The river festival returns this weekend. Forty thousand visitors are"
                    + " expected. Twelve stages line the Danube. Trams run all night on Saturday.";

    private String user;

    /** The cache's clock: expiry is tested by moving it, not by waiting (a wait would race a busy runner). */
    @Inject MovableClock clock;

    @AfterEach
    void restoreClock() {
        clock.reset();
    }

    @BeforeEach
    void reset() {
        clock.reset();
        Emulator.control().reset();
        user = "user-" + UUID.randomUUID();
    }

    private ProxyResult post(String who, String path, Object body, boolean noCache) {
        ObjectNode event = Lambda.as(who, Lambda.http("POST", path, body));
        if (noCache) {
            ((ObjectNode) event.get("headers")).put("cache-control", "no-cache");
        }
        return Lambda.invoke(event);
    }

    private ProxyResult summarize(String who, String text) {
        return post(who, "/v1/summarize", Map.of("text", text + " " + uniqueSuffix), false);
    }

    private final String uniqueSuffix = "Ref " + UUID.randomUUID() + ".";

    private static long modelCalls() {
        return Emulator.control().calls().stream()
                .filter(
                        c ->
                                c.path("operation").asText().startsWith("converse")
                                        || c.path("operation").asText().startsWith("invoke"))
                .count();
    }

    @Test
    void aRepeatedSummaryIsServedFromTheCacheWithTheOriginalUsage() {
        ProxyResult miss = summarize(user, TEXT);
        assertEquals(200, miss.status(), miss.toString());
        assertEquals("miss", miss.header("X-Parley-Cache"));
        assertFalse(miss.body().path("cached").asBoolean());
        ProxyResult hit = summarize(user, "  " + TEXT.replace(" ", "   "));
        assertEquals("hit", hit.header("X-Parley-Cache"), "whitespace is normalized away");
        assertTrue(hit.body().path("cached").asBoolean());
        assertEquals(miss.body().path("summary"), hit.body().path("summary"));
        assertEquals(miss.body().path("usage"), hit.body().path("usage"));
        assertEquals(1, modelCalls(), "a hit costs no model call");
    }

    @Test
    void noCacheBypassesTheCacheAndStoresTheFreshAnswer() {
        summarize(user, TEXT);
        Emulator.control().scriptText(null, "A fresh summary.");
        ProxyResult bypass =
                post(user, "/v1/summarize", Map.of("text", TEXT + " " + uniqueSuffix), true);
        assertEquals("miss", bypass.header("X-Parley-Cache"));
        assertEquals("A fresh summary.", bypass.body().path("summary").asText());
        assertEquals(2, modelCalls());
        ProxyResult hit = summarize(user, TEXT);
        assertEquals("hit", hit.header("X-Parley-Cache"));
        assertEquals("A fresh summary.", hit.body().path("summary").asText());
    }

    @Test
    void answersAreScopedToTheCaller() {
        summarize(user, TEXT);
        ProxyResult other = summarize("someone-else-" + UUID.randomUUID(), TEXT);
        assertEquals("miss", other.header("X-Parley-Cache"));
        assertEquals(2, modelCalls());
    }

    @Test
    void storedAnswersExpire() {
        summarize(user, TEXT);
        assertEquals("hit", summarize(user, TEXT).header("X-Parley-Cache"), "fresh within its TTL");
        clock.set(Instant.now().plus(Duration.ofHours(1)).plusSeconds(1));
        ProxyResult again = summarize(user, TEXT);
        assertEquals("miss", again.header("X-Parley-Cache"), "expired after its TTL");
        assertEquals(2, modelCalls());
    }

    @Test
    void compareIsCachedOnlyAtTemperatureZero() {
        Map<String, Object> zero =
                Map.of(
                        "message",
                        "Name a river. " + uniqueSuffix,
                        "models",
                        List.of("nova-micro", "nova-lite"),
                        "inferenceConfig",
                        Map.of("temperature", 0));
        assertEquals("miss", post(user, "/v1/compare", zero, false).header("X-Parley-Cache"));
        ProxyResult hit = post(user, "/v1/compare", zero, false);
        assertEquals("hit", hit.header("X-Parley-Cache"), hit.toString());
        assertTrue(hit.body().at("/results/0/cached").asBoolean());
        assertEquals(2, modelCalls());

        Map<String, Object> warm =
                Map.of(
                        "message",
                        "Name a river. " + uniqueSuffix,
                        "models",
                        List.of("nova-micro"),
                        "inferenceConfig",
                        Map.of("temperature", 0.7));
        assertEquals(null, post(user, "/v1/compare", warm, false).header("X-Parley-Cache"));
        post(user, "/v1/compare", warm, false);
        assertEquals(4, modelCalls());
    }

    @Test
    void invokeIsCachedAtTemperatureZero() {
        Map<String, Object> body =
                Map.of(
                        "anthropic_version",
                        "bedrock-2023-05-31",
                        "max_tokens",
                        100,
                        "temperature",
                        0,
                        "messages",
                        List.of(Map.of("role", "user", "content", "Hi " + uniqueSuffix)));
        ProxyResult miss = post(user, "/v1/models/claude-haiku-4-5/invoke", body, false);
        assertEquals(200, miss.status(), miss.toString());
        assertEquals("miss", miss.header("X-Parley-Cache"));
        ProxyResult hit = post(user, "/v1/models/claude-haiku-4-5/invoke", body, false);
        assertEquals("hit", hit.header("X-Parley-Cache"));
        assertEquals(miss.body(), hit.body());
        assertEquals(1, modelCalls());
    }

    @Test
    void theEdgesAreNotCachedByDefault() {
        Map<String, Object> message =
                Map.of(
                        "model",
                        "claude-haiku-4-5",
                        "max_tokens",
                        100,
                        "temperature",
                        0,
                        "messages",
                        List.of(
                                Map.of(
                                        "role",
                                        "user",
                                        "content",
                                        "Name a river. " + uniqueSuffix)));
        for (int i = 0; i < 2; i++) {
            ProxyResult answer = post(user, "/anthropic/v1/messages", message, false);
            assertEquals(200, answer.status(), answer.toString());
            assertEquals(null, answer.header("X-Parley-Cache"), "anthropic is exempt by default");
        }
        assertEquals(2, modelCalls());
    }
}
