package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests a model cannot serve get a 400 naming the model and the capability, and cost no model call. */
@QuarkusTest
class CapabilityStageTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static void assertRefused(ProxyResult result, String... mentions) {
        assertEquals(400, result.status(), result.toString());
        assertEquals("validation_error", result.errorCode());
        for (String mention : mentions) {
            assertTrue(
                    result.errorMessage().contains(mention),
                    result.errorMessage() + " lacks " + mention);
        }
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock is called");
    }

    @Test
    void toolsOnAModelWithoutToolUse() {
        assertRefused(
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "deepseek-r1")),
                "deepseek-r1 (us.deepseek.r1-v1:0)",
                "does not support tool use");
        assertRefused(
                Lambda.invoke(
                        Lambda.as(
                                "ann",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "What is 2 + 2?",
                                                "tools",
                                                List.of("calculator"),
                                                "model",
                                                "deepseek-r1")))),
                "deepseek-r1",
                "tool use");
    }

    @Test
    void reasoningBudgetOnAModelThatDoesNotThink() {
        assertRefused(
                Lambda.invoke(
                        Lambda.as(
                                "ann",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "message",
                                                "Hi",
                                                "model",
                                                "nova-micro",
                                                "reasoning",
                                                Map.of("budgetTokens", 2000))))),
                "nova-micro (us.amazon.nova-micro-v1:0)",
                "does not reason");
        // DeepSeek-R1 always reasons, but takes no budget either; compare reports it in that
        // model's result.
        ProxyResult compared =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hi",
                                "models",
                                List.of("deepseek-r1", "nova-micro"),
                                "reasoning",
                                Map.of("budgetTokens", 2000)));
        assertEquals(200, compared.status(), compared.toString());
        for (var result : compared.body().path("results")) {
            assertEquals("validation_error", result.at("/error/code").asText(), result.toString());
            assertTrue(
                    result.at("/error/message").asText().contains(result.path("model").asText()));
        }
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void thinkingRulesAreCheckedBeforeBedrock() {
        assertRefused(
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 500))),
                "at least 1024");
        assertRefused(
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 2000),
                                "inferenceConfig",
                                Map.of("temperature", 0.3))),
                "claude-haiku-4-5",
                "temperature");
        assertRefused(
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "toolChoice",
                                "any",
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 2000))),
                "tool choice must be auto");
        assertRefused(
                Lambda.post(
                        "/v1/tools", Map.of("message", "What is 2 + 2?", "reasoning", Map.of())),
                "reasoning.budgetTokens is required");
    }

    @Test
    void claude45TakesTemperatureOrTopPNotBoth() {
        assertRefused(
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "A short text to summarize.",
                                "model",
                                "claude-haiku-4-5",
                                "inferenceConfig",
                                Map.of("temperature", 0.3, "topP", 0.9))),
                "claude-haiku-4-5",
                "temperature or topP, not both");
        assertEquals(
                200,
                Lambda.post(
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "A short text to summarize.",
                                        "model",
                                        "claude-haiku-4-5",
                                        "inferenceConfig",
                                        Map.of("temperature", 0.3)))
                        .status());
    }

    @Test
    void maxTokensGrowsToHoldTheThinkingBudget() {
        ProxyResult result =
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2 + 2?",
                                "tools",
                                List.of("calculator"),
                                "model",
                                "claude-haiku-4-5",
                                "reasoning",
                                Map.of("budgetTokens", 2000)));
        assertEquals(200, result.status(), result.toString());
        var sent = Emulator.control().calls().get(0).path("body");
        assertEquals(2000, sent.at("/additionalModelRequestFields/thinking/budget_tokens").asInt());
        // The reasoning policy leaves 4,096 tokens for the answer after the budget.
        assertEquals(2000 + 4096, sent.at("/inferenceConfig/maxTokens").asInt(), sent.toString());
    }
}
