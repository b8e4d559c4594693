package dev.parley.chat;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatTest {
    static final String ARTICLE =
            "The river festival returns to Linz this weekend after a two-year pause."
                    + " Organisers expect forty thousand visitors over three days. Twelve stages will line the Danube,"
                    + " and the closing fireworks start at ten on Sunday. Trams will run all night on Saturday.";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static ProxyResult chat(String user, Map<String, Object> body) {
        return invoke(as(user, http("POST", "/v1/chat", body)));
    }

    static ProxyResult chat(String user, String conversationId, String message) {
        Map<String, Object> body = new HashMap<>(Map.of("message", message));
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        return chat(user, body);
    }

    @Test
    void seedScenarioSummaryThenOneSentenceSeesTheFirstAnswer() {
        ProxyResult first =
                chat(
                        "alice",
                        Map.of(
                                "message",
                                "Summarize this text:\n<text>" + ARTICLE + "</text>",
                                "system",
                                "You are a helpful assistant."));
        assertEquals(201, first.status(), first.toString());
        String id = first.body().path("conversationId").asText();
        assertEquals("/v1/conversations/" + id, first.header("Location"));
        assertEquals(1, first.body().path("turn").asInt());
        String summary = first.body().path("reply").asText();
        assertFalse(summary.isBlank());

        ProxyResult second = chat("alice", id, "Make it one sentence.");
        assertEquals(200, second.status(), second.toString());
        assertEquals(2, second.body().path("turn").asInt());
        assertEquals("end_turn", second.body().path("stopReason").asText());
        assertTrue(second.body().path("usage").path("inputTokens").asInt() > 0);

        JsonNode call = Emulator.control().calls().get(1).path("body");
        JsonNode messages = call.path("messages");
        assertEquals(3, messages.size(), "history plus the new message");
        assertEquals("user", messages.get(0).path("role").asText());
        assertEquals("assistant", messages.get(1).path("role").asText());
        assertEquals(
                summary,
                messages.get(1).at("/content/0/text").asText(),
                "the follow-up sees the first answer");
        assertEquals("Make it one sentence.", messages.get(2).at("/content/0/text").asText());
        assertEquals(
                "You are a helpful assistant.",
                call.at("/system/0/text").asText(),
                "system prompt kept");
        String oneSentence = second.body().path("reply").asText().trim();
        assertEquals(1, oneSentence.split("(?<=[.!?])\\s+").length, oneSentence);
    }

    @Test
    void historySentIsCheckedTurnByTurn() {
        String id = chat("bob", null, "First question?").body().path("conversationId").asText();
        for (int turn = 2; turn <= 4; turn++) {
            ProxyResult result = chat("bob", id, "Question number " + turn + "?");
            assertEquals(turn, result.body().path("turn").asInt());
            List<JsonNode> calls = Emulator.control().calls();
            JsonNode messages = calls.get(calls.size() - 1).at("/body/messages");
            assertEquals(2 * turn - 1, messages.size());
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(
                        i % 2 == 0 ? "user" : "assistant", messages.get(i).path("role").asText());
            }
            assertEquals("First question?", messages.get(0).at("/content/0/text").asText());
        }
        JsonNode stored = invoke(as("bob", http("GET", "/v1/conversations/" + id, null))).body();
        assertEquals(8, stored.path("messages").size());
        assertEquals(4, stored.path("turns").asInt());
        assertEquals(
                "Question number 4?",
                stored.path("messages").get(6).at("/content/0/text").asText());
    }

    @Test
    void aFailedModelCallLeavesTheConversationUnchanged() {
        String id = chat("carol", null, "Hello there").body().path("conversationId").asText();
        JsonNode before = invoke(as("carol", http("GET", "/v1/conversations/" + id, null))).body();
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ThrottlingException", "slow down");
        }
        ProxyResult failed = chat("carol", id, "Second message");
        assertEquals(429, failed.status(), failed.toString());
        JsonNode after = invoke(as("carol", http("GET", "/v1/conversations/" + id, null))).body();
        assertEquals(before.path("messages"), after.path("messages"));
        assertEquals(1, after.path("turns").asInt());
        // The same request simply works once Bedrock recovers.
        ProxyResult retried = chat("carol", id, "Second message");
        assertEquals(200, retried.status(), retried.toString());
        assertEquals(2, retried.body().path("turn").asInt());
    }

    @Test
    void aFailedFirstTurnCreatesNothing() {
        Emulator.control().scriptError(null, "AccessDeniedException", "no access");
        ProxyResult failed = chat("dave-first", null, "Hello");
        assertEquals(502, failed.status());
        JsonNode listing = invoke(as("dave-first", http("GET", "/v1/conversations", null))).body();
        assertEquals(0, listing.path("conversations").size());
    }

    @Test
    void modelCanBeSwitchedPerTurn() {
        ProxyResult first = chat("erin", Map.of("message", "Hi", "model", "claude-haiku-4-5"));
        String id = first.body().path("conversationId").asText();
        assertEquals(
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                first.body().path("modelId").asText());
        ProxyResult second = chat("erin", id, "Again");
        assertEquals(
                "claude-haiku-4-5",
                second.body().path("model").asText(),
                "the conversation's model is kept");
        ProxyResult third =
                chat(
                        "erin",
                        Map.of("conversationId", id, "message", "Now Nova", "model", "nova-pro"));
        assertEquals(
                "us.amazon.nova-pro-v1:0",
                Emulator.control().calls().get(2).path("modelId").asText());
        assertEquals(200, third.status());
        // The model a turn names becomes the conversation's: later turns keep it (README, chat
        // walk-through).
        ProxyResult fourth = chat("erin", id, "And once more");
        assertEquals("nova-pro", fourth.body().path("model").asText(), fourth.toString());
    }

    @Test
    void validation() {
        assertError(chat("v", Map.of()), 400, "validation_error", "message is required");
        assertError(
                chat("v", Map.of("message", " ")),
                400,
                "validation_error",
                "message must not be blank");
        assertError(
                chat("v", Map.of("message", "x".repeat(100_001))),
                413,
                "payload_too_large",
                "limit");
        assertError(
                chat("v", Map.of("message", "hi", "conversationId", "../../etc")),
                400,
                "validation_error",
                "conversationId must be a conversation id");
        assertError(
                chat("v", Map.of("message", "hi", "conversationId", 7)),
                400,
                "validation_error",
                "conversationId must be a string");
        assertError(
                chat("v", Map.of("message", "hi", "model", "nope")),
                400,
                "model_not_allowed",
                "nope");
        assertError(
                chat(
                        "v",
                        Map.of(
                                "message",
                                "hi",
                                "conversationId",
                                "00000000-0000-4000-8000-000000000000")),
                404,
                "not_found",
                "does not exist");
        String id = chat("v", null, "start").body().path("conversationId").asText();
        assertError(
                chat("v", Map.of("conversationId", id, "message", "hi", "system", "Be rude.")),
                400,
                "validation_error",
                "system can only be set");
        assertEquals(1, Emulator.control().calls().size(), "only the valid turn reached the model");
    }

    @Test
    void aMessageThatCannotFitAnItemIsRefusedBeforeAnything() {
        // Within the character limit, but control characters take six bytes each once JSON-escaped,
        // which is past DynamoDB's 400 KB item limit.
        String hostile = "\u0001".repeat(70_000) + "end";
        ProxyResult result = chat("frank", Map.of("message", hostile));
        assertError(result, 413, "payload_too_large", "cannot be stored");
        assertTrue(Emulator.control().calls().isEmpty(), "no model call for an unstorable message");
    }

    static void assertError(ProxyResult result, int status, String code, String message) {
        assertEquals(status, result.status(), result.toString());
        assertEquals(code, result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
    }
}
