package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow tool against a short remaining time: the invocation has 3 s (the fallback when the event
 * carries no deadline) and the loop keeps a 1 s margin, so a 10 s tool is cut off and the loop
 * answers with what it has instead of letting Lambda kill the request.
 */
@QuarkusTest
@TestProfile(ToolDeadlineTest.ShortDeadline.class)
class ToolDeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.lambda.fallback-timeout",
                    "3s",
                    "parley.tools.deadline-margin",
                    "1s",
                    "parley.tools.timeout",
                    "10s");
        }
    }

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void theLoopStopsBeforeTheLambdaDeadline() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"toolUse\": [{\"name\": \"slow_tool\", \"input\": {\"ms\": 10000}}]},"
                                + " \"times\": -1}");
        ProxyResult result =
                Lambda.post(
                        "/v1/tools", Map.of("message", "Be slow", "tools", List.of("slow_tool")));
        assertEquals(200, result.status(), result.toString());
        assertEquals("deadline", result.body().path("stopReason").asText());
        assertEquals(1, result.body().path("iterations").asInt());
        JsonNode call = result.body().path("toolCalls").get(0);
        assertEquals("error", call.path("status").asText());
        assertTrue(call.at("/output/error").asText().contains("did not finish"), call.toString());
        // Cut off at the time left before the margin (under 2 s), not at the tool's own 10 s
        // timeout.
        assertTrue(call.path("durationMs").asLong() < 2500, call.toString());
        assertEquals(1, Emulator.control().calls().size(), "no model call after the deadline");
    }

    @Test
    void aChatTurnCutByTheDeadlineIsStoredValid() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"toolUse\": [{\"name\": \"slow_tool\", \"input\": {\"ms\": 10000}}]},"
                                + " \"times\": 1}");
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                "dora",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "Be slow",
                                                "tools",
                                                List.of("slow_tool")))));
        assertEquals(201, first.status(), first.toString());
        assertEquals("deadline", first.body().path("stopReason").asText());
        String id = first.body().path("conversationId").asText();
        // The next turn replays the cut exchange; the emulator checks every toolResult answers a
        // toolUse.
        ProxyResult second =
                Lambda.invoke(
                        Lambda.as(
                                "dora",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of("conversationId", id, "message", "Never mind"))));
        assertEquals(200, second.status(), second.toString());
    }
}
