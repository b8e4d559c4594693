package dev.parley.capabilities;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One reasoning policy on every edge: OpenAI's reasoning_effort and reasoning.effort, Anthropic's
 * thinking, Parley's reasoning.budgetTokens all land on the same rules, end to end against the
 * emulator, which refuses what Bedrock refuses.
 */
@QuarkusTest
class ReasoningPolicyTest {
    private static final List<Map<String, String>> HI =
            List.of(Map.of("role", "user", "content", "Think it over"));

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static JsonNode sent() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).path("body");
    }

    private static void assertOpenAiInvalid(ProxyResult result, String param) {
        assertEquals(400, result.status(), result.toString());
        assertEquals(param, result.body().at("/error/param").asText(), result.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }

    @Test
    void xhighAndMaxReachConverseAsOutputConfigEffortWhereTheModelTakesThem() {
        ProxyResult opus =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-opus-4-7",
                                "reasoning_effort",
                                "xhigh",
                                "messages",
                                HI));
        assertEquals(200, opus.status(), opus.toString());
        assertEquals("xhigh", sent().at("/outputConfig/effort").asText(), sent().toString());
        assertEquals("adaptive", sent().at("/additionalModelRequestFields/thinking/type").asText());

        ProxyResult responses =
                Lambda.post(
                        "/openai/v1/responses",
                        Map.of(
                                "model",
                                "claude-sonnet-4-6",
                                "reasoning",
                                Map.of("effort", "max"),
                                "input",
                                "Think it over"));
        assertEquals(200, responses.status(), responses.toString());
        assertEquals("max", sent().at("/outputConfig/effort").asText(), sent().toString());

        ProxyResult anthropic =
                Lambda.post(
                        "/anthropic/v1/messages",
                        Map.of(
                                "model",
                                "claude-opus-4-7",
                                "max_tokens",
                                2000,
                                "thinking",
                                Map.of("type", "adaptive"),
                                "output_config",
                                Map.of("effort", "xhigh"),
                                "messages",
                                HI));
        assertEquals(200, anthropic.status(), anthropic.toString());
        assertEquals("xhigh", sent().at("/outputConfig/effort").asText(), sent().toString());
    }

    @Test
    void anEffortTheModelDoesNotTakeIsRefusedInEachFamilysShape() {
        Emulator.control().reset();
        assertOpenAiInvalid(
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-sonnet-4-6",
                                "reasoning_effort",
                                "xhigh",
                                "messages",
                                HI)),
                "reasoning_effort");
        assertOpenAiInvalid(
                Lambda.post(
                        "/openai/v1/responses",
                        Map.of(
                                "model",
                                "nova-micro",
                                "reasoning",
                                Map.of("effort", "low"),
                                "input",
                                "x")),
                "reasoning.effort");
        ProxyResult anthropic =
                Lambda.post(
                        "/anthropic/v1/messages",
                        Map.of(
                                "model",
                                "claude-sonnet-4-6",
                                "max_tokens",
                                2000,
                                "thinking",
                                Map.of("type", "adaptive"),
                                "output_config",
                                Map.of("effort", "xhigh"),
                                "messages",
                                HI));
        assertEquals(400, anthropic.status(), anthropic.toString());
        assertEquals(
                "invalid_request_error",
                anthropic.body().at("/error/type").asText(),
                anthropic.toString());
        assertTrue(
                anthropic.body().at("/error/message").asText().contains("low, medium, high, max"));
        assertTrue(Emulator.control().calls().isEmpty());
    }

    /** Where the stage and the OpenAI edge disagreed: temperature 1 is allowed while thinking, 4,096 tokens of answer room. */
    @Test
    void anEffortOnABudgetModelBecomesABudgetWithRoomForTheAnswer() {
        ProxyResult result =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-haiku-4-5",
                                "reasoning_effort",
                                "high",
                                "temperature",
                                1,
                                "messages",
                                HI));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                16384,
                sent().at("/additionalModelRequestFields/thinking/budget_tokens").asInt(),
                sent().toString());
        assertEquals(16384 + 4096, sent().at("/inferenceConfig/maxTokens").asInt());
        assertFalse(
                sent().has("outputConfig"),
                "a budget model gets no outputConfig.effort: " + sent());
        // A cap the caller set is kept: the budget fits below it.
        Lambda.post(
                "/openai/v1/chat/completions",
                Map.of(
                        "model",
                        "claude-haiku-4-5",
                        "reasoning_effort",
                        "max",
                        "max_completion_tokens",
                        3000,
                        "messages",
                        HI));
        assertEquals(
                2999,
                sent().at("/additionalModelRequestFields/thinking/budget_tokens").asInt(),
                sent().toString());
        assertEquals(3000, sent().at("/inferenceConfig/maxTokens").asInt());
    }

    @Test
    void aModelThatAlwaysReasonsMeetsAnEffortButRefusesABudget() {
        ProxyResult effort =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "deepseek-r1", "reasoning_effort", "low", "messages", HI));
        assertEquals(200, effort.status(), effort.toString());
        assertFalse(sent().has("additionalModelRequestFields"), sent().toString());
        Emulator.control().reset();
        ProxyResult chat =
                Lambda.invoke(
                        Lambda.as(
                                "ria",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "Hi",
                                                "model",
                                                "deepseek-r1",
                                                "reasoning",
                                                Map.of("budgetTokens", 2000)))));
        assertEquals(400, chat.status(), chat.toString());
        assertTrue(chat.errorMessage().contains("always reasons"), chat.errorMessage());
        assertTrue(Emulator.control().calls().isEmpty());
    }
}
