package dev.parley.compare;

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

@QuarkusTest
class CompareTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void comparesModelsInRequestOrder() {
        ProxyResult result = Lambda.invoke(Lambda.event("compare.json"));
        assertEquals(200, result.status(), result.toString());
        JsonNode results = result.body().path("results");
        assertEquals(3, results.size());
        assertEquals("nova-micro", results.get(0).path("model").asText());
        assertEquals("claude-haiku-4-5", results.get(1).path("model").asText());
        assertEquals("llama-4-maverick", results.get(2).path("model").asText());
        for (JsonNode one : results) {
            assertFalse(one.path("reply").asText().isBlank(), one.toString());
            assertTrue(one.path("usage").path("totalTokens").asInt() > 0, one.toString());
            assertTrue(one.has("latencyMs"));
            assertFalse(one.has("error"));
        }
        assertEquals(3, Emulator.control().calls().size());
    }

    @Test
    void oneFailingModelDoesNotFailTheOthers() {
        Emulator.control()
                .scriptError(
                        "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                        "AccessDeniedException",
                        "no access");
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Say hello",
                                "models",
                                List.of("nova-micro", "claude-haiku-4-5")));
        assertEquals(200, result.status(), result.toString());
        JsonNode ok = result.body().path("results").get(0);
        JsonNode failed = result.body().path("results").get(1);
        assertFalse(ok.path("reply").asText().isBlank());
        assertEquals("model_access_denied", failed.path("error").path("code").asText());
        assertFalse(failed.has("reply"));
    }

    @Test
    void modelsRunConcurrently() {
        Emulator.control().latency(500, 0);
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Say hello",
                                "models",
                                List.of("nova-micro", "nova-lite", "nova-pro")));
        assertEquals(200, result.status());
        // Each call takes 500 ms at the emulator, so calls made side by side overlap there: the
        // last
        // to arrive found the other two still being answered. Sequential calls would each find
        // none.
        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(3, calls.size());
        int most = calls.stream().mapToInt(c -> c.path("inFlight").asInt()).max().orElseThrow();
        assertEquals(3, most, "all three calls were in flight together: " + calls);
    }

    @Test
    void systemPromptIsSentToEveryModel() {
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hi",
                                "system",
                                "Answer in French.",
                                "models",
                                List.of("nova-micro", "claude-haiku-4-5")));
        assertEquals(200, result.status(), result.toString());
        List<JsonNode> calls = Emulator.control().calls();
        // One call per model, each with the system prompt: the loop below cannot pass on no calls.
        assertEquals(2, calls.size(), calls.toString());
        java.util.Set<String> models = new java.util.HashSet<>();
        for (JsonNode call : calls) {
            assertEquals("Answer in French.", call.at("/body/system/0/text").asText());
            models.add(dev.parley.bedrock.FeatureMatrix.baseModelId(call.path("modelId").asText()));
        }
        assertEquals(
                java.util.Set.of(
                        "amazon.nova-micro-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"),
                models);
    }

    @Test
    void validation() {
        assertError(
                Map.of("models", List.of("nova-micro")), "validation_error", "message is required");
        assertError(Map.of("message", "hi"), "validation_error", "models is required");
        assertError(
                Map.of("message", "hi", "models", List.of()), "validation_error", "1 to 6 models");
        assertError(
                Map.of("message", "hi", "models", "nova-micro"),
                "validation_error",
                "models must be an array");
        assertError(
                Map.of("message", "hi", "models", List.of("nova-micro", "nova-micro")),
                "validation_error",
                "same model twice");
        assertError(
                Map.of("message", "hi", "models", List.of("nova-micro", "gpt-4")),
                "model_not_allowed",
                "gpt-4");
        assertError(
                Map.of(
                        "message",
                        "hi",
                        "models",
                        List.of("nova-micro", "llama-3-1-70b"),
                        "inferenceConfig",
                        Map.of("maxTokens", 4000)),
                "validation_error",
                "llama-3-1-70b");
        assertTrue(Emulator.control().calls().isEmpty());
    }

    private static void assertError(Map<String, Object> body, String code, String message) {
        ProxyResult result = Lambda.post("/v1/compare", body);
        assertEquals(400, result.status(), result.toString());
        assertEquals(code, result.errorCode());
        assertTrue(result.errorMessage().contains(message), result.errorMessage());
    }
}
