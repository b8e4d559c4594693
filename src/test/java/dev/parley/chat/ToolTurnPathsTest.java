package dev.parley.chat;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A follow-up turn without {@code tools} in a conversation that used a tool offers the tools of
 * the replayed tool turns, so it runs the tool loop on every path: buffered {@code POST /v1/chat},
 * the same route as server-sent events, and the WebSocket chat action. The stored conversation
 * never ends with a {@code toolUse} that has no {@code toolResult}.
 */
@QuarkusTest
class ToolTurnPathsTest {
    private static final String LISBON = "{\"location\": \"Lisbon\"}";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    @Test
    void aBufferedFollowUpRunsTheCarriedOverTool() {
        String user = "paths-buffered";
        String id = weatherConversation(user);
        Emulator.control().scriptToolUse(null, "get_weather", LISBON);
        ProxyResult followUp =
                invoke(
                        as(
                                user,
                                http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "conversationId",
                                                id,
                                                "message",
                                                "And the weather there now?"))));
        assertEquals(200, followUp.status(), followUp.toString());
        assertEquals(
                "get_weather",
                followUp.body().at("/toolCalls/0/name").asText(),
                followUp.toString());
        assertNotEquals("tool_use", followUp.body().path("stopReason").asText());
        assertEveryToolUseIsAnswered(user, id, 2);
    }

    @Test
    void aFollowUpAsServerSentEventsRunsTheCarriedOverTool() {
        String user = "paths-sse";
        String id = weatherConversation(user);
        Emulator.control().scriptToolUse(null, "get_weather", LISBON);
        ObjectNode event =
                as(
                        user,
                        http(
                                "POST",
                                "/v1/chat",
                                Map.of(
                                        "conversationId",
                                        id,
                                        "message",
                                        "And the weather there now?")));
        ((ObjectNode) event.get("headers")).put("accept", "text/event-stream");
        ProxyResult followUp = invoke(event);
        assertEquals(200, followUp.status(), followUp.toString());
        String events = followUp.raw().path("body").asText();
        assertTrue(events.contains("event: tool"), "the tool ran: " + events);
        JsonNode end = lastData(events, "end");
        assertNotEquals("tool_use", end.path("stopReason").asText(), events);
        assertEveryToolUseIsAnswered(user, id, 2);
    }

    @Test
    void aFollowUpOverTheWebSocketRunsTheCarriedOverTool() {
        String user = "paths-ws";
        String id = weatherConversation(user);
        Emulator.control().scriptToolUse(null, "get_weather", LISBON);
        String connection = "conn-" + UUID.randomUUID();
        ProxyResult sent =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                connection,
                                user,
                                Map.of(
                                        "action",
                                        "chat",
                                        "conversationId",
                                        id,
                                        "message",
                                        "And the weather there now?")));
        assertEquals(200, sent.raw().path("statusCode").asInt(), sent.toString());
        List<Frame> frames = Frames.control().frames(connection);
        assertTrue(
                frames.stream().anyMatch(f -> f.type().equals("tool")), "the tool ran: " + frames);
        Frame end = frames.get(frames.size() - 1);
        assertEquals("end", end.type(), frames.toString());
        assertNotEquals("tool_use", end.data().path("stopReason").asText(), frames.toString());
        assertEveryToolUseIsAnswered(user, id, 2);
    }

    /** A first turn that called get_weather; returns the conversation's id. */
    private static String weatherConversation(String user) {
        Emulator.control().scriptToolUse(null, "get_weather", LISBON);
        ProxyResult first =
                invoke(
                        as(
                                user,
                                http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "What's the weather in Lisbon?",
                                                "tools",
                                                List.of("get_weather")))));
        assertEquals(201, first.status(), first.toString());
        assertEquals(
                "get_weather", first.body().at("/toolCalls/0/name").asText(), first.toString());
        return first.body().path("conversationId").asText();
    }

    /** Every stored toolUse is answered by a toolResult in the next message, and the turns all ran. */
    private static void assertEveryToolUseIsAnswered(String user, String id, int turns) {
        JsonNode stored = invoke(as(user, http("GET", "/v1/conversations/" + id, null))).body();
        assertEquals(turns, stored.path("turns").asInt(), stored.toString());
        JsonNode messages = stored.path("messages");
        int toolUses = 0;
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                if (!block.has("toolUse")) {
                    continue;
                }
                toolUses++;
                String useId = block.at("/toolUse/toolUseId").asText();
                assertTrue(
                        i + 1 < messages.size(),
                        "the conversation ends with an unanswered toolUse: " + stored);
                Set<String> answered = new HashSet<>();
                messages.get(i + 1)
                        .path("content")
                        .forEach(b -> answered.add(b.at("/toolResult/toolUseId").asText()));
                assertTrue(
                        answered.contains(useId),
                        "toolUse " + useId + " has no toolResult: " + stored);
            }
        }
        assertEquals(turns, toolUses, "one tool call per turn: " + stored);
        assertEquals(
                "assistant",
                messages.get(messages.size() - 1).path("role").asText(),
                stored.toString());
    }

    /** The data of the last server-sent event of this type. */
    private static JsonNode lastData(String events, String type) {
        JsonNode found = null;
        String current = null;
        for (String line : events.split("\n")) {
            if (line.startsWith("event: ")) {
                current = line.substring(7).strip();
            } else if (line.startsWith("data: ") && type.equals(current)) {
                try {
                    found = Lambda.JSON.readTree(line.substring(6));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        assertTrue(found != null, "no " + type + " event in: " + events);
        return found;
    }
}
