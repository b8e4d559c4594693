package dev.parley.summarize;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SummarizeTest {
    static final String TEXT =
            "The city council approved a new budget on Monday. The budget raises spending on public"
                    + " transport by twelve percent. Bus routes in the north will run every ten minutes. Critics said the plan"
                    + " ignores road repairs. The mayor promised a separate repair fund next year.";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void summarizesWithUsageAndBedrockLatency() {
        ProxyResult result = Lambda.invoke(Lambda.event("summarize.json"));
        assertEquals(200, result.status(), result.toString());
        JsonNode body = result.body();
        assertFalse(body.path("summary").asText().isBlank());
        assertEquals("nova-micro", body.path("model").asText());
        assertEquals("us.amazon.nova-micro-v1:0", body.path("modelId").asText());
        assertEquals("end_turn", body.path("stopReason").asText());
        assertTrue(body.path("usage").path("inputTokens").asInt() > 0);
        assertTrue(body.path("usage").path("outputTokens").asInt() > 0);
        assertEquals(
                body.path("usage").path("inputTokens").asInt()
                        + body.path("usage").path("outputTokens").asInt(),
                body.path("usage").path("totalTokens").asInt());
        assertTrue(body.has("latencyMs"));
    }

    @Test
    void promptFencesTheTextAndForbidsAdditions() {
        Lambda.post(
                "/v1/summarize",
                Map.of(
                        "text",
                        TEXT,
                        "style",
                        "bullets",
                        "inferenceConfig",
                        Map.of("temperature", 0.3, "topP", 0.8, "maxTokens", 123)));
        JsonNode call = Emulator.control().calls().get(0);
        assertEquals("converse", call.path("operation").asText());
        assertEquals("us.amazon.nova-micro-v1:0", call.path("modelId").asText());
        String system = call.at("/body/system/0/text").asText();
        assertTrue(system.contains("do not add"), system);
        String prompt = call.at("/body/messages/0/content/0/text").asText();
        assertTrue(prompt.contains("<text>\n" + TEXT + "\n</text>"), prompt);
        assertTrue(prompt.contains("bullet points"), prompt);
        JsonNode inference = call.at("/body/inferenceConfig");
        assertEquals(0.3, inference.path("temperature").asDouble(), 1e-6);
        assertEquals(0.8, inference.path("topP").asDouble(), 1e-6);
        assertEquals(123, inference.path("maxTokens").asInt());
    }

    @Test
    void bulletStyleAnswersBullets() {
        ProxyResult result = Lambda.post("/v1/summarize", Map.of("text", TEXT, "style", "bullets"));
        assertEquals(200, result.status(), result.toString());
        assertTrue(
                result.body().path("summary").asText().startsWith("- "), result.body().toString());
    }

    @Test
    void oneSentenceStyleAnswersOneSentence() {
        ProxyResult result =
                Lambda.post("/v1/summarize", Map.of("text", TEXT, "style", "one-sentence"));
        String summary = result.body().path("summary").asText().trim();
        assertEquals(1, summary.split("(?<=[.!?])\\s+").length, summary);
    }

    @Test
    void defaultStyleIsConciseAndDefaultMaxTokensIsSet() {
        ProxyResult result = Lambda.post("/v1/summarize", Map.of("text", TEXT));
        assertEquals("concise", result.body().path("style").asText());
        assertEquals(
                1024,
                Emulator.control().calls().get(0).at("/body/inferenceConfig/maxTokens").asInt());
    }

    @Test
    void modelCanBeNamedByFullInferenceProfileId() {
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                TEXT,
                                "model",
                                "global.anthropic.claude-haiku-4-5-20251001-v1:0"));
        assertEquals(200, result.status(), result.toString());
        assertEquals("claude-haiku-4-5", result.body().path("model").asText());
        assertEquals(
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                Emulator.control().calls().get(0).path("modelId").asText());
    }

    @Test
    void maxTokensReachedIsReported() {
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                TEXT,
                                "style",
                                "detailed",
                                "inferenceConfig",
                                Map.of("maxTokens", 5)));
        assertEquals(200, result.status(), result.toString());
        assertEquals("max_tokens", result.body().path("stopReason").asText());
    }

    static List<Arguments> invalidRequests() {
        return List.of(
                Arguments.of(
                        Map.of("style", "concise"), 400, "validation_error", "text is required"),
                Arguments.of(
                        Map.of("text", "   "), 400, "validation_error", "text must not be blank"),
                Arguments.of(
                        Map.of("text", 42),
                        400,
                        "validation_error",
                        "text must be a string, not a number"),
                Arguments.of(
                        Map.of("text", "x".repeat(100_001)),
                        413,
                        "payload_too_large",
                        "limit is 100000"),
                Arguments.of(
                        Map.of("text", TEXT, "style", "haiku"),
                        400,
                        "validation_error",
                        "style must be one of"),
                Arguments.of(
                        Map.of("text", TEXT, "style", 3),
                        400,
                        "validation_error",
                        "style must be a string"),
                Arguments.of(
                        Map.of("text", TEXT, "model", "gpt-4"),
                        400,
                        "model_not_allowed",
                        "allowed: "),
                Arguments.of(
                        Map.of("text", TEXT, "model", "anthropic.claude-instant-v1"),
                        400,
                        "model_not_allowed",
                        "not in the allow-list"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", "hot"),
                        400,
                        "validation_error",
                        "inferenceConfig must be an object"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("temperature", 1.5)),
                        400,
                        "validation_error",
                        "inferenceConfig.temperature must be between 0"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("temperature", -0.1)),
                        400,
                        "validation_error",
                        "inferenceConfig.temperature must be between 0"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("topP", 2)),
                        400,
                        "validation_error",
                        "inferenceConfig.topP must be between 0"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("topP", "high")),
                        400,
                        "validation_error",
                        "inferenceConfig.topP must be a number"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("maxTokens", 0)),
                        400,
                        "validation_error",
                        "inferenceConfig.maxTokens must be between 1"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("maxTokens", 2.5)),
                        400,
                        "validation_error",
                        "inferenceConfig.maxTokens must be an integer"),
                Arguments.of(
                        Map.of("text", TEXT, "inferenceConfig", Map.of("maxTokens", 10001)),
                        400,
                        "validation_error",
                        "must be between 1 and 10000 for model nova-micro"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidRequestsGetNamedErrorsAndCostNoModelCall(
            Map<String, Object> body, int status, String code, String message) {
        ProxyResult result = Lambda.post("/v1/summarize", body);
        assertEquals(status, result.status(), result.toString());
        assertEquals(code, result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
        assertTrue(Emulator.control().calls().isEmpty(), "no model call for an invalid request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"concise", "bullets", "detailed", "one-sentence"})
    void everyStyleWorks(String style) {
        ProxyResult result = Lambda.post("/v1/summarize", Map.of("text", TEXT, "style", style));
        assertEquals(200, result.status(), result.toString());
        assertEquals(style, result.body().path("style").asText());
    }
}
