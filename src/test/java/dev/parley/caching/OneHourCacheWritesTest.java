package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-hour cache writes, end to end: with {@code parley.prompt-caching.ttl=1h} Parley asks a
 * model that takes it for the one-hour TTL, Bedrock (the emulator) reports the writes by TTL in
 * {@code usage.cacheDetails}, and the ledger keeps the one-hour part apart and prices it at the
 * model's {@code cache-write-one-hour} price instead of its five-minute {@code cache-write} price.
 */
@QuarkusTest
@TestProfile(OneHourCacheWritesTest.Profile.class)
class OneHourCacheWritesTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.prompt-caching.ttl", "1h");
        }
    }

    private String user;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        user = "hour-" + UUID.randomUUID();
    }

    @Test
    void oneHourWritesAreReportedAndPricedAtTheirOwnPrice() {
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                user,
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "model",
                                                "claude-sonnet-4-6",
                                                "system",
                                                PromptCachingTest.text(1500),
                                                "message",
                                                "When do you open?"))));
        assertEquals(201, first.status(), first.toString());
        JsonNode sent = Emulator.control().calls().get(0).path("body");
        assertEquals(
                "1h", sent.at("/system/1/cachePoint/ttl").asText(), sent.path("system").toString());
        JsonNode usage = first.body().path("usage");
        int written = usage.path("cacheWriteInputTokens").asInt();
        assertTrue(written >= 1400, usage.toString());
        assertEquals(written, usage.path("cacheWriteOneHourInputTokens").asInt(), usage.toString());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report =
                Lambda.invoke(
                                Lambda.as(
                                        user,
                                        Lambda.http(
                                                "GET",
                                                "/v1/usage?from=" + today + "&to=" + today,
                                                null)))
                        .body();
        JsonNode row = report.path("days").get(0);
        assertEquals(written, row.path("cacheWriteOneHourInputTokens").asLong(), report.toString());
        // Claude Sonnet 4.6 (application.properties): input 3.00, output 15.00, cache-write 3.75,
        // cache-write-one-hour 6.00 USD per million tokens; every write here was a one-hour write.
        double cost =
                (row.path("inputTokens").asLong() * 3.00
                                + row.path("outputTokens").asLong() * 15.00
                                + written * 6.00)
                        / 1_000_000;
        assertEquals(cost, row.path("estimatedCostUsd").asDouble(), 1e-6, report.toString());
    }

    @Test
    void aModelWithoutTheOneHourTtlKeepsFiveMinuteWrites() {
        ProxyResult answer =
                Lambda.invoke(
                        Lambda.as(
                                user,
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "model",
                                                "nova-micro",
                                                "system",
                                                PromptCachingTest.text(1500),
                                                "message",
                                                "When do you open?"))));
        assertEquals(201, answer.status(), answer.toString());
        JsonNode sent = Emulator.control().calls().get(0).path("body");
        assertTrue(sent.at("/system/1").has("cachePoint"), sent.path("system").toString());
        assertTrue(
                sent.at("/system/1/cachePoint/ttl").isMissingNode(),
                sent.path("system").toString());
        assertTrue(
                answer.body().at("/usage/cacheWriteInputTokens").asInt() >= 1400,
                answer.toString());
        assertTrue(
                answer.body().at("/usage/cacheWriteOneHourInputTokens").isMissingNode(),
                "no one-hour writes, no field: " + answer.body().path("usage"));
    }
}
