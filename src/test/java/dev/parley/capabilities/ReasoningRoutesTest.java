package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reasoning model's answer reaches the caller as reply plus reasoning on every route and stream. */
@QuarkusTest
class ReasoningRoutesTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    private static ProxyResult chat(String user, Map<String, Object> body) {
        return Lambda.invoke(Lambda.as(user, Lambda.http("POST", "/v1/chat", body)));
    }

    @Test
    void deepSeekR1InChatKeepsReasoningOutOfTheReplyAndOutOfLaterTurns() {
        ProxyResult first =
                chat("rita", Map.of("model", "deepseek-r1", "message", "Why is the sky blue?"));
        assertEquals(201, first.status(), first.toString());
        assertEquals("You said: \"Why is the sky blue?\"", first.body().path("reply").asText());
        String reasoning = first.body().path("reasoning").asText();
        assertTrue(reasoning.contains("Why is the sky blue?"), first.toString());
        assertFalse(first.body().path("reply").asText().contains(reasoning));

        // Stored in the Converse shape...
        String id = first.body().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(
                                Lambda.as(
                                        "rita",
                                        Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        JsonNode answer = stored.path("messages").get(1).path("content");
        assertEquals(
                reasoning,
                answer.at("/0/reasoningContent/reasoningText/text").asText(),
                stored.toString());
        assertEquals("You said: \"Why is the sky blue?\"", answer.at("/1/text").asText());

        // ...and not replayed outside the tool loop that produced it.
        ProxyResult second =
                chat("rita", Map.of("conversationId", id, "message", "And at sunset?"));
        assertEquals(200, second.status(), second.toString());
        JsonNode replayed = Emulator.control().calls().get(1).at("/body/messages");
        assertEquals(3, replayed.size());
        assertFalse(replayed.toString().contains("reasoningContent"), replayed.toString());
    }

    @Test
    void summariesNeverCarryReasoning() {
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "model",
                                "deepseek-r1",
                                "text",
                                "The river festival returns this weekend. Forty thousand visitors are expected."));
        assertEquals(200, result.status(), result.toString());
        assertFalse(result.body().has("reasoning"), result.toString());
        assertFalse(
                result.body().path("summary").asText().contains("I will answer"),
                result.toString());
        assertTrue(Emulator.control().calls().size() == 1);
    }

    @Test
    void plainModelsHaveNoReasoningField() {
        ProxyResult result = chat("rita", Map.of("model", "nova-micro", "message", "Hi"));
        assertEquals(201, result.status());
        assertFalse(result.body().has("reasoning"), result.toString());
    }

    @Test
    void compareShowsReasoningForTheModelsThatReason() {
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hello there",
                                "models",
                                List.of("deepseek-r1", "nova-micro")));
        assertEquals(200, result.status(), result.toString());
        JsonNode r1 = result.body().at("/results/0");
        JsonNode nova = result.body().at("/results/1");
        assertEquals("deepseek-r1", r1.path("model").asText());
        assertEquals("You said: \"Hello there\"", r1.path("reply").asText());
        assertTrue(r1.path("reasoning").asText().contains("Hello there"), r1.toString());
        assertFalse(nova.has("reasoning"), nova.toString());
    }

    @Test
    void theStreamSendsReasoningFramesBeforeTheAnswersDeltas() {
        String connection = "conn-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection,
                        "rita",
                        Map.of(
                                "action",
                                "chat",
                                "model",
                                "deepseek-r1",
                                "message",
                                "Hello there")));
        List<Frame> frames = Frames.control().frames(connection);
        List<String> types = frames.stream().map(Frame::type).toList();
        assertEquals("start", types.get(0));
        assertEquals("end", types.get(types.size() - 1));
        int firstDelta = types.indexOf("delta");
        assertTrue(
                types.indexOf("reasoning") == 1 && types.lastIndexOf("reasoning") < firstDelta,
                types.toString());
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (Frame frame : frames) {
            if (frame.type().equals("reasoning")) {
                reasoning.append(frame.data().path("text").asText());
            } else if (frame.type().equals("delta")) {
                text.append(frame.data().path("text").asText());
            }
        }
        assertEquals("You said: \"Hello there\"", text.toString());
        assertTrue(reasoning.toString().contains("Hello there"), reasoning.toString());
    }

    @Test
    void aStreamedThinkingTurnStoresTheSignedReasoning() {
        String connection = "conn-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection,
                        "rita",
                        Map.of(
                                "action",
                                "chat",
                                "model",
                                "claude-haiku-4-5",
                                "message",
                                "Hello there",
                                "reasoning",
                                Map.of("budgetTokens", 1024))));
        List<Frame> frames = Frames.control().frames(connection);
        List<String> types = frames.stream().map(Frame::type).toList();
        assertTrue(
                types.contains("reasoning") && types.indexOf("reasoning") < types.indexOf("delta"),
                types.toString());
        // maxTokens (the route default, 1,024) grows to the budget plus the policy's 4,096 tokens
        // of answer room.
        assertEquals(
                1024 + 4096,
                Emulator.control().calls().get(0).at("/body/inferenceConfig/maxTokens").asInt());
        String id = frames.get(0).data().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(
                                Lambda.as(
                                        "rita",
                                        Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        JsonNode thinking =
                stored.path("messages").get(1).at("/content/0/reasoningContent/reasoningText");
        assertTrue(thinking.path("signature").isTextual(), stored.toString());
        assertTrue(thinking.path("text").asText().contains("Hello there"), stored.toString());
    }

    @Test
    void claudeThinkingThroughAToolLoopReplaysItsSignedReasoning() {
        ProxyResult result =
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 12 * 7?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 2048)));
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, result.body().path("iterations").asInt(), result.toString());
        assertTrue(result.body().path("reply").asText().contains("84"), result.toString());
        assertNotNull(result.body().path("reasoning").textValue(), result.toString());

        // The emulator refuses a tool loop without the signed thinking block; Parley sent it back
        // as it came.
        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(2, calls.size());
        JsonNode asked = calls.get(1).at("/body/messages/1/content");
        assertTrue(
                asked.at("/0/reasoningContent/reasoningText/signature").isTextual(),
                asked.toString());
        assertTrue(asked.at("/1/toolUse").isObject(), asked.toString());
    }

    @Test
    void claudeThinkingInAChatToolTurnIsStoredAndTheNextTurnLeavesItOut() {
        ProxyResult first =
                chat(
                        "tom",
                        Map.of(
                                "message",
                                "What is 12 * 7?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 2048)));
        assertEquals(201, first.status(), first.toString());
        assertNotNull(first.body().path("reasoning").textValue(), first.toString());
        String id = first.body().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("tom", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertTrue(
                stored.path("messages")
                        .get(1)
                        .at("/content/0/reasoningContent/reasoningText/signature")
                        .isTextual(),
                stored.toString());

        Emulator.control().reset();
        ProxyResult second =
                chat(
                        "tom",
                        Map.of(
                                "conversationId",
                                id,
                                "message",
                                "Thanks!",
                                "reasoning",
                                Map.of("budgetTokens", 2048)));
        assertEquals(200, second.status(), second.toString());
        assertFalse(
                Emulator.control()
                        .calls()
                        .get(0)
                        .at("/body/messages")
                        .toString()
                        .contains("reasoningContent"));
    }

    /** Claude 4.6 and later think adaptively: the budget becomes an effort level, never a budget they refuse. */
    @Test
    void aBudgetReachesAnAdaptiveModelAsAnEffortLevel() {
        ProxyResult result =
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-opus-4-7",
                                "reasoning",
                                Map.of("budgetTokens", 4000)));
        assertEquals(200, result.status(), result.toString());
        JsonNode fields =
                Emulator.control().calls().get(0).at("/body/additionalModelRequestFields");
        assertEquals("adaptive", fields.at("/thinking/type").asText(), fields.toString());
        assertFalse(fields.at("/thinking").has("budget_tokens"), fields.toString());
        // The effort goes in Converse's own outputConfig.effort.
        assertEquals(
                "medium",
                Emulator.control().calls().get(0).at("/body/outputConfig/effort").asText());
        assertNotNull(result.body().path("reasoning").textValue(), result.toString());

        Emulator.control().reset();
        ProxyResult openAi =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-sonnet-4-6",
                                "reasoning_effort",
                                "high",
                                "messages",
                                List.of(Map.of("role", "user", "content", "Hi"))));
        assertEquals(200, openAi.status(), openAi.toString());
        JsonNode sent = Emulator.control().calls().get(0).at("/body");
        assertEquals(
                "adaptive",
                sent.at("/additionalModelRequestFields/thinking/type").asText(),
                sent.toString());
        assertEquals("high", sent.at("/outputConfig/effort").asText());
    }

    @Test
    void aModelThatSamplesAtItsDefaultsOnlyIsRefusedATemperatureBeforeBedrock() {
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "No temperature here.",
                                "model",
                                "claude-opus-4-7",
                                "inferenceConfig",
                                Map.of("temperature", 0.2)));
        assertEquals(400, result.status(), result.toString());
        assertTrue(
                result.errorMessage().contains("samples at its defaults only"),
                result.errorMessage());
        assertTrue(Emulator.control().calls().isEmpty());
    }
}
