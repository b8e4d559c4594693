package dev.parley.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cache points as Parley places them, and the cache usage Bedrock (the emulator) reports back. */
@QuarkusTest
class PromptCachingTest {

    private String user;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        user = "user-" + UUID.randomUUID();
    }

    /** About {@code tokens} tokens (four characters each). */
    static String text(int tokens) {
        return "Answer as the library's help desk. "
                .repeat(tokens * 4 / 35 + 1)
                .substring(0, tokens * 4);
    }

    private ProxyResult chat(Map<String, Object> body) {
        return Lambda.invoke(Lambda.as(user, Lambda.http("POST", "/v1/chat", body)));
    }

    private static JsonNode sent(int call) {
        return Emulator.control().calls().get(call).path("body");
    }

    private static boolean hasCachePoint(JsonNode blocks) {
        for (JsonNode block : blocks) {
            if (block.has("cachePoint")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aLongSystemPromptGetsACachePointAndTheNextTurnReadsIt() {
        String system = text(1500);
        ProxyResult first =
                chat(
                        Map.of(
                                "model",
                                "claude-sonnet-4-6",
                                "system",
                                system,
                                "message",
                                "When do you open?"));
        assertEquals(201, first.status(), first.toString());
        JsonNode request = sent(0);
        assertEquals(2, request.path("system").size());
        assertTrue(request.at("/system/1").has("cachePoint"), request.path("system").toString());
        assertTrue(
                first.body().at("/usage/cacheWriteInputTokens").asInt() >= 1400,
                first.body().toString());
        assertEquals(0, first.body().at("/usage/cacheReadInputTokens").asInt());

        String id = first.body().path("conversationId").asText();
        ProxyResult second = chat(Map.of("conversationId", id, "message", "And on Sundays?"));
        assertTrue(
                second.body().at("/usage/cacheReadInputTokens").asInt() >= 1400,
                second.body().toString());
        assertTrue(second.body().at("/usage/inputTokens").asInt() < 100, second.body().toString());
    }

    @Test
    void noCachePointWhereThePrefixIsTooShortForTheModel() {
        // 1,500 tokens reach Claude Sonnet 4.6's minimum (1,024) but not Claude Haiku 4.5's
        // (4,096).
        chat(Map.of("model", "claude-haiku-4-5", "system", text(1500), "message", "Hi"));
        assertFalse(hasCachePoint(sent(0).path("system")), sent(0).path("system").toString());
        chat(Map.of("model", "claude-sonnet-4-6", "system", "Be brief.", "message", "Hi"));
        assertFalse(hasCachePoint(sent(1).path("system")));
    }

    @Test
    void noCachePointForAModelWithoutPromptCaching() {
        ProxyResult result =
                chat(Map.of("model", "llama-3-1-70b", "system", text(3000), "message", "Hi"));
        assertEquals(201, result.status(), result.toString());
        assertFalse(hasCachePoint(sent(0).path("system")));
        assertEquals(0, result.body().at("/usage/cacheWriteInputTokens").asInt());
    }

    @Test
    void theStableConversationPrefixGetsACachePoint() {
        ProxyResult first = chat(Map.of("model", "nova-micro", "message", text(1200)));
        String id = first.body().path("conversationId").asText();
        assertFalse(
                hasCachePoint(sent(0).at("/messages/0/content")),
                "the newest message is not the stable prefix");
        chat(Map.of("conversationId", id, "message", "Shorter, please."));
        JsonNode messages = sent(1).path("messages");
        assertEquals(3, messages.size());
        // Nova takes a message cache point only after a user turn's text (it refuses one in an
        // assistant turn), so the stable prefix's point follows the first user message.
        assertTrue(hasCachePoint(messages.get(0).path("content")), messages.toString());
        assertFalse(hasCachePoint(messages.get(1).path("content")));
        assertFalse(hasCachePoint(messages.get(2).path("content")));
        ProxyResult third = chat(Map.of("conversationId", id, "message", "Thanks."));
        assertTrue(
                third.body().at("/usage/cacheReadInputTokens").asInt() >= 1000,
                third.body().toString());
    }

    @Test
    void onClaudeTheStablePrefixEndsAtTheLastAssistantTurn() {
        ProxyResult first = chat(Map.of("model", "claude-sonnet-4-6", "message", text(1200)));
        chat(
                Map.of(
                        "conversationId",
                        first.body().path("conversationId").asText(),
                        "message",
                        "Shorter, please."));
        JsonNode messages = sent(1).path("messages");
        assertTrue(hasCachePoint(messages.get(1).path("content")), messages.toString());
        assertFalse(
                sent(1).toString().contains("\"ttl\""), "the default five minutes sends no ttl");
    }

    @Test
    void shortToolDefinitionsGetNoCachePoint() {
        Lambda.post(
                "/v1/tools",
                Map.of(
                        "model",
                        "claude-sonnet-4-6",
                        "message",
                        "What is 2+2?",
                        "tools",
                        List.of("calculator")));
        JsonNode tools = sent(0).at("/toolConfig/tools");
        assertFalse(hasCachePoint(tools), tools.toString());
    }
}
