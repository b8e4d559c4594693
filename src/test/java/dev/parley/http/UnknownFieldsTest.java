package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Top-level fields a route does not read are accepted and named in {@code X-Parley-Warning}. */
@QuarkusTest
class UnknownFieldsTest {
    private static final String TEXT =
            "The library opens a second reading room in March. It seats forty people and"
                    + " stays open until ten at night. Members can book a desk online a week ahead.";
    private static final String MISPLACED =
            "unknown field(s) ignored: temperature"
                    + " (did you mean inferenceConfig.temperature?)";

    @Inject MovableClock clock;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void summarizeNamesAMisplacedTemperatureAndAnswersAsWithout() {
        ProxyResult clean = summarize(Map.of("text", TEXT));
        assertEquals(200, clean.status(), clean.toString());
        assertNull(clean.header("X-Parley-Warning"), clean.toString());

        ProxyResult misplaced = summarize(Map.of("text", TEXT, "temperature", 0.9));
        assertEquals(200, misplaced.status(), misplaced.toString());
        assertEquals(MISPLACED, misplaced.header("X-Parley-Warning"), misplaced.toString());
        assertEquals(clean.body().path("summary"), misplaced.body().path("summary"));
        // The misplaced field reached no model call: both calls carried the same inference
        // settings.
        assertEquals(2, Emulator.control().calls().size());
        JsonNode first = Emulator.control().calls().get(0).at("/body/inferenceConfig");
        JsonNode second = Emulator.control().calls().get(1).at("/body/inferenceConfig");
        assertEquals(first, second);
        assertFalse(second.has("temperature"), second.toString());
    }

    @Test
    void severalUnknownFieldsAreNamedInOneWarning() {
        ProxyResult result = summarize(Map.of("text", TEXT, "maxTokens", 50, "lenght", "short"));
        assertEquals(200, result.status(), result.toString());
        String warning = result.header("X-Parley-Warning");
        assertTrue(warning.startsWith("unknown field(s) ignored: "), warning);
        assertTrue(
                warning.contains("maxTokens (did you mean inferenceConfig.maxTokens?)"), warning);
        assertTrue(warning.contains("lenght"), warning);
    }

    @Test
    void aFieldNameCannotSplitTheHeader() {
        ProxyResult result = summarize(Map.of("text", TEXT, "x\r\nSet-Cookie: a=b", 1));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "unknown field(s) ignored: x??Set-Cookie: a=b", result.header("X-Parley-Warning"));
        assertNull(result.header("Set-Cookie"), result.toString());
    }

    @Test
    void chatNamesAMisplacedTemperatureAndAnswersAsWithout() {
        ProxyResult clean = chat(Map.of("message", "Say hello."), false);
        assertEquals(201, clean.status(), clean.toString());
        assertNull(clean.header("X-Parley-Warning"), clean.toString());

        ProxyResult misplaced = chat(Map.of("message", "Say hello.", "temperature", 0.2), false);
        assertEquals(201, misplaced.status(), misplaced.toString());
        assertEquals(MISPLACED, misplaced.header("X-Parley-Warning"), misplaced.toString());
        assertEquals(clean.body().path("reply"), misplaced.body().path("reply"));
        assertTrue(
                misplaced.header("Location").startsWith("/v1/conversations/"),
                misplaced.toString());

        // A continued conversation (200) warns the same way.
        Map<String, Object> next =
                new HashMap<>(
                        Map.of(
                                "message",
                                "Again.",
                                "topP",
                                0.5,
                                "conversationId",
                                misplaced.body().path("conversationId").asText()));
        ProxyResult continued = chat(next, false);
        assertEquals(200, continued.status(), continued.toString());
        assertEquals(
                "unknown field(s) ignored: topP (did you mean inferenceConfig.topP?)",
                continued.header("X-Parley-Warning"),
                continued.toString());
    }

    @Test
    void chatAsEventsNamesTheFieldToo() {
        ProxyResult clean = chat(Map.of("message", "Say hello."), true);
        assertEquals(200, clean.status(), clean.toString());
        assertTrue(clean.header("Content-Type").startsWith("text/event-stream"), clean.toString());
        assertNull(clean.header("X-Parley-Warning"), clean.toString());

        ProxyResult misplaced = chat(Map.of("message", "Say hello.", "temperature", 0.2), true);
        assertEquals(200, misplaced.status(), misplaced.toString());
        assertEquals(MISPLACED, misplaced.header("X-Parley-Warning"), misplaced.toString());
        String events = misplaced.raw().path("body").asText();
        assertTrue(events.contains("event: end"), events);
        assertEquals("no-cache", misplaced.header("Cache-Control"), misplaced.toString());
    }

    @Test
    void compareAndToolsNameTheirUnknownFields() {
        ProxyResult compare =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Say hello",
                                "models",
                                java.util.List.of("nova-micro"),
                                "maxTokens",
                                20));
        assertEquals(200, compare.status(), compare.toString());
        assertEquals(
                "unknown field(s) ignored: maxTokens (did you mean inferenceConfig.maxTokens?)",
                compare.header("X-Parley-Warning"),
                compare.toString());
        assertFalse(
                compare.body().path("results").get(0).path("reply").asText().isBlank(),
                compare.toString());

        ProxyResult tools =
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 3?",
                                "tools",
                                java.util.List.of("calculator"),
                                "toolchoice",
                                "auto"));
        assertEquals(200, tools.status(), tools.toString());
        assertEquals(
                "unknown field(s) ignored: toolchoice",
                tools.header("X-Parley-Warning"),
                tools.toString());

        ProxyResult clean = Lambda.post("/v1/tools", Map.of("message", "What is 2 + 3?"));
        assertEquals(200, clean.status(), clean.toString());
        assertNull(clean.header("X-Parley-Warning"), clean.toString());
    }

    @Test
    void aLegacyModelsWarningAndTheUnknownFieldsAreJoined() {
        // Inside claude-sonnet-4-5's legacy period (2026-10-08 to 2027-04-08), whatever day the
        // suite runs on.
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
        try {
            ProxyResult result =
                    summarize(
                            Map.of("text", TEXT, "model", "claude-sonnet-4-5", "temperature", 0.1));
            assertEquals(200, result.status(), result.toString());
            assertEquals(
                    "this model is legacy since 2026-10-08 and retires on 2027-04-08; move to claude-sonnet-4-6; "
                            + MISPLACED,
                    result.header("X-Parley-Warning"),
                    result.toString());
        } finally {
            clock.reset();
        }
    }

    private static ProxyResult summarize(Map<String, Object> body) {
        ObjectNode event = Lambda.http("POST", "/v1/summarize", body);
        // Bypass the response cache so that both calls reach the model.
        ((ObjectNode) event.get("headers")).put("cache-control", "no-cache");
        return Lambda.invoke(event);
    }

    private static ProxyResult chat(Map<String, Object> body, boolean events) {
        ObjectNode event = Lambda.as("unknown-fields", Lambda.http("POST", "/v1/chat", body));
        if (events) {
            ((ObjectNode) event.get("headers")).put("accept", "text/event-stream");
        }
        return Lambda.invoke(event);
    }
}
