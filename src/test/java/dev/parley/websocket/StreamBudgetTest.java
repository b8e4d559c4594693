package dev.parley.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed reply lives by its invocation's deadline (ParleyStreamFunction's timeout in the
 * template), not by the Bedrock client's call timeout, which is sized for synchronous calls behind
 * API Gateway. Here the call timeout is 1 s and the invocation has 8 s (the mock event server sends
 * no deadline, so parley.lambda.fallback-timeout is the deadline): 5 s for the stream, 3 s kept to
 * store the turn.
 */
@QuarkusTest
@TestProfile(StreamBudgetTest.Profile.class)
class StreamBudgetTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.bedrock.api-call-timeout",
                    "1s",
                    "parley.bedrock.api-call-attempt-timeout",
                    "1s",
                    "parley.lambda.fallback-timeout",
                    "8s");
        }
    }

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    private static List<Frame> stream(String user) {
        String connection = "conn-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection,
                        user,
                        Map.of(
                                "action",
                                "chat",
                                "message",
                                "Summarize: the ferry timetable changes on Monday, with boats every twenty minutes.")));
        return Frames.control().frames(connection);
    }

    @Test
    void aStreamOutlivesTheClientsCallTimeout() {
        // The first token after 1.5 s: later than the 1 s call timeout, well within the 5 s budget.
        Emulator.control().latency(1500, 5);
        List<Frame> frames = stream("uma");
        assertEquals("end", frames.get(frames.size() - 1).type(), frames.toString());
    }

    @Test
    void aStreamPastTheInvocationsDeadlineEndsInATimeoutAndStoresNothing() {
        Emulator.control().latency(6500, 5);
        List<Frame> frames = stream("vic");
        Frame last = frames.get(frames.size() - 1);
        assertEquals("error", last.type(), frames.toString());
        assertEquals("model_timeout", last.data().at("/error/code").asText(), last.toString());
        assertEquals(
                0,
                Lambda.invoke(Lambda.as("vic", Lambda.http("GET", "/v1/conversations", null)))
                        .body()
                        .path("conversations")
                        .size(),
                "a timed-out turn is not stored");
    }
}
