package dev.parley.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelRoutesTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void listsTheAllowListWithTheDefault() {
        ProxyResult result = Lambda.invoke(Lambda.event("models.json"));
        assertEquals(200, result.status());
        JsonNode models = result.body().path("models");
        Set<String> aliases = new HashSet<>();
        int defaults = 0;
        for (JsonNode model : models) {
            aliases.add(model.path("id").asText());
            if (model.path("default").asBoolean()) {
                defaults++;
                assertEquals("nova-micro", model.path("id").asText());
            }
            String id = model.path("modelId").asText();
            assertTrue(id.matches("(us|eu|apac|global)\\..+"), "cross-region profile id: " + id);
            assertTrue(model.path("capabilities").has("streaming"));
        }
        assertEquals(1, defaults);
        assertTrue(aliases.containsAll(Set.of("claude-3-7-sonnet", "claude-3-5-sonnet", "claude-3-5-haiku", "nova-pro",
                "nova-micro", "llama-3-1-70b", "deepseek-r1")), aliases.toString());
        assertEquals("nova-micro", result.body().path("defaultModel").asText());
    }

    @Test
    void health() {
        ProxyResult result = Lambda.get("/v1/health");
        assertEquals("ok", result.body().path("status").asText());
        assertTrue(result.body().has("version"));
        assertTrue(Emulator.control().calls().isEmpty(), "health does not call Bedrock");
    }

    @Test
    void invokePassesTheNativeBodyThroughAndBack() {
        ProxyResult result = Lambda.invoke(Lambda.event("invoke-anthropic.json"));
        assertEquals(200, result.status(), result.toString());
        assertEquals("message", result.body().path("type").asText());
        assertEquals("text", result.body().at("/content/0/type").asText());
        assertTrue(result.body().at("/usage/input_tokens").asInt() > 0);
        assertEquals("us.anthropic.claude-3-5-haiku-20241022-v1:0", result.header("X-Parley-Model-Id"));
        JsonNode call = Emulator.control().calls().get(0);
        assertEquals("invoke", call.path("operation").asText());
        assertEquals("bedrock-2023-05-31", call.at("/body/anthropic_version").asText());
    }

    @Test
    void invokeAcceptsAUrlEncodedProfileId() {
        ProxyResult result = Lambda.post("/v1/models/us.amazon.nova-micro-v1%3A0/invoke",
                Map.of("messages", new Object[] {Map.of("role", "user", "content", new Object[] {Map.of("text", "Hi")})},
                        "inferenceConfig", Map.of("maxTokens", 50)));
        assertEquals(200, result.status(), result.toString());
        assertTrue(result.body().at("/output/message/content/0/text").isTextual(), result.toString());
    }

    @Test
    void invokeRefusesModelsOutsideTheAllowList() {
        ProxyResult result = Lambda.post("/v1/models/amazon.titan-text-express-v1/invoke", Map.of("inputText", "hi"));
        assertEquals(400, result.status());
        assertEquals("model_not_allowed", result.errorCode());
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void invokeRefusesNonObjectBodies() {
        ProxyResult result = Lambda.post("/v1/models/nova-micro/invoke", "\"just a string\"");
        assertEquals(400, result.status());
        assertEquals("bad_request", result.errorCode());
    }

    @Test
    void invokeSurfacesBedrockValidationOfNativeBodies() {
        ProxyResult result = Lambda.post("/v1/models/nova-micro/invoke", Map.of("unexpected", true));
        assertEquals(400, result.status(), result.toString());
        assertEquals("validation_error", result.errorCode());
    }
}
