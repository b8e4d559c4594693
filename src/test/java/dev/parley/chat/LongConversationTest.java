package dev.parley.chat;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A 300-turn conversation still works, and each turn sends only the window. */
@QuarkusTest
class LongConversationTest {
    /** A turn's deadline, as the Lambda context would give it. */
    private static final java.util.function.Supplier<java.time.Instant> DEADLINE =
            () -> java.time.Instant.now().plusSeconds(25);

    @Inject ChatService chat;

    @Test
    void threeHundredTurnsSendOnlyTheWindow() {
        Emulator.control().reset();
        String user = "marathon";
        String id =
                chat.send(
                                new ChatRequest(
                                        Optional.empty(),
                                        "turn 1",
                                        Optional.empty(),
                                        Optional.empty(),
                                        InferenceSettings.DEFAULTS),
                                user,
                                DEADLINE.get())
                        .reply()
                        .conversationId();
        for (int turn = 2; turn < 300; turn++) {
            chat.send(
                    new ChatRequest(
                            Optional.of(id),
                            "turn " + turn,
                            Optional.empty(),
                            Optional.empty(),
                            InferenceSettings.DEFAULTS),
                    user,
                    DEADLINE.get());
        }
        Emulator.control().reset();
        ProxyResult last =
                invoke(
                        as(
                                user,
                                http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of("conversationId", id, "message", "turn 300"))));
        assertEquals(200, last.status(), last.toString());
        assertEquals(300, last.body().path("turn").asInt());

        List<JsonNode> calls = Emulator.control().calls();
        JsonNode messages = calls.get(0).at("/body/messages");
        assertTrue(
                messages.size() <= 41,
                "window of at most 40 stored messages plus the new one: " + messages.size());
        assertEquals("turn 300", messages.get(messages.size() - 1).at("/content/0/text").asText());
        assertEquals("user", messages.get(0).path("role").asText());
        assertEquals(
                "turn 280", messages.get(0).at("/content/0/text").asText(), "the newest 20 turns");

        JsonNode stored = invoke(as(user, http("GET", "/v1/conversations/" + id, null))).body();
        assertEquals(600, stored.path("messages").size(), "nothing is lost from storage");
    }
}
