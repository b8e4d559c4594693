package dev.parley.guardrails;

import static dev.parley.guardrails.GuardrailProfiles.BLOCKED_OUTPUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo guardrail with the trace off and async streaming. */
@QuarkusTest
@TestProfile(GuardrailProfiles.UntracedAsync.class)
class GuardrailsAsyncTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    @Test
    void withoutTraceTheGuardrailSaysOnlyWhatItDid() {
        Emulator.control().scriptText(null, "Call me at 415-555-0134 or write to ann@example.com.");
        ProxyResult result = Lambda.post("/v1/chat", Map.of("message", "How do I reach you?"));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "Call me at {PHONE} or write to {EMAIL}.", result.body().path("reply").asText());
        assertEquals("INTERVENED", result.body().at("/guardrail/action").asText());
        assertFalse(result.body().path("guardrail").has("trace"), result.toString());
        // Bedrock is still asked for the trace: Converse reports the guardrail's units only there.
        assertEquals(
                "enabled",
                Emulator.control().calls().get(0).at("/body/guardrailConfig/trace").asText());
    }

    @Test
    void anAsyncStreamShowsTheTextThenEndsWithTheBlockedMessage() {
        Emulator.control().scriptText(null, "The plan: stab the guard and run.");
        String connection = "conn-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection, user, Map.of("action", "chat", "message", "Tell me a plan")));
        JsonNode sent = Emulator.control().calls().get(0).path("body");
        assertEquals("async", sent.at("/guardrailConfig/streamProcessingMode").asText());

        List<Frame> frames = Frames.control().frames(connection);
        StringBuilder deltas = new StringBuilder();
        frames.stream()
                .filter(f -> f.type().equals("delta"))
                .forEach(f -> deltas.append(f.data().path("text").asText()));
        // Async mode's trade-off: the model's text went out before the verdict.
        assertTrue(deltas.toString().startsWith("The plan"), deltas.toString());
        JsonNode end = frames.get(frames.size() - 1).data();
        assertEquals("guardrail_intervened", end.path("stopReason").asText());
        assertEquals(BLOCKED_OUTPUT, end.path("reply").asText(), end.toString());
        assertEquals("INTERVENED", end.at("/guardrail/action").asText());
        JsonNode listing =
                Lambda.invoke(Lambda.as(user, Lambda.http("GET", "/v1/conversations", null)))
                        .body();
        assertEquals(0, listing.path("conversations").size());
    }
}
