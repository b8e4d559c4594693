package dev.parley.chat;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tools inside a conversation: the tool turns are stored and replayed exactly. */
@QuarkusTest
class ChatToolsTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void toolTurnsAreStoredAndReplayedOnTheNextTurn() {
        ProxyResult first =
                invoke(
                        as(
                                "wendy",
                                http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "What's the weather in Lisbon?",
                                                "tools",
                                                List.of("get_weather")))));
        assertEquals(201, first.status(), first.toString());
        assertEquals("get_weather", first.body().at("/toolCalls/0/name").asText());
        String id = first.body().path("conversationId").asText();

        JsonNode stored =
                invoke(as("wendy", http("GET", "/v1/conversations/" + id, null)))
                        .body()
                        .path("messages");
        assertEquals(4, stored.size(), "question, tool use, tool result, answer");
        assertEquals("get_weather", stored.get(1).at("/content/0/toolUse/name").asText());
        String toolUseId = stored.get(1).at("/content/0/toolUse/toolUseId").asText();
        assertEquals(toolUseId, stored.get(2).at("/content/0/toolResult/toolUseId").asText());
        assertEquals("user", stored.get(2).path("role").asText());
        assertEquals("assistant", stored.get(3).path("role").asText());

        // Next turn without tools: the history replays the tool exchange (the emulator checks every
        // toolResult answers a toolUse), and a toolConfig is sent because tool blocks are present.
        Emulator.control().reset();
        ProxyResult second =
                invoke(
                        as(
                                "wendy",
                                http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "conversationId",
                                                id,
                                                "message",
                                                "Thanks! Summarize that in one sentence."))));
        assertEquals(200, second.status(), second.toString());
        JsonNode call = Emulator.control().calls().get(0).path("body");
        assertEquals(5, call.path("messages").size());
        assertEquals(toolUseId, call.at("/messages/1/content/0/toolUse/toolUseId").asText());
        assertEquals(
                stored.get(2).path("content"),
                call.at("/messages/2/content"),
                "replayed exactly as stored");
        assertEquals("get_weather", call.at("/toolConfig/tools/0/toolSpec/name").asText());
        assertEquals(2, second.body().path("turn").asInt());
    }

    @Test
    void theWindowKeepsToolPairsTogether() {
        // Each tool turn stores four messages (question, toolUse, toolResult, answer): twelve turns
        // are 48, past the 40-message window, so the window must trim, and trims whole pairs.
        int turns = 12;
        String id = null;
        for (int i = 0; i < turns; i++) {
            Map<String, Object> body =
                    new java.util.HashMap<>(
                            Map.of("message", "Compute 6 * " + i, "tools", List.of("calculator")));
            if (id != null) {
                body.put("conversationId", id);
            }
            Emulator.control()
                    .scriptToolUse(null, "calculator", "{\"expression\": \"6 * " + i + "\"}");
            ProxyResult result = invoke(as("tina", http("POST", "/v1/chat", body)));
            assertTrue(result.status() < 300, result.toString());
            id = result.body().path("conversationId").asText();
        }
        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(2 * turns, calls.size(), "a tool call and an answer per turn");
        JsonNode messages = calls.get(calls.size() - 2).at("/body/messages");
        assertTrue(
                messages.size() <= 41, "the window (40) and the new question: " + messages.size());
        assertTrue(!messages.toString().contains("Compute 6 * 0"), "the oldest turn was trimmed");
        assertEquals("user", messages.get(0).path("role").asText());
        assertTrue(
                messages.get(0).at("/content/0/text").isTextual(),
                "the window starts with a question");
        for (int i = 1; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                if (block.has("toolResult")) {
                    String useId = block.at("/toolResult/toolUseId").asText();
                    assertTrue(
                            messages.get(i - 1).toString().contains(useId),
                            "toolResult " + useId + " follows its toolUse");
                }
            }
        }
    }
}
