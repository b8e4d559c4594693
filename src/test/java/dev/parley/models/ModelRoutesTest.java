package dev.parley.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.FeatureMatrix;
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
    private static final FeatureMatrix MATRIX = FeatureMatrix.load();

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
            // A bare id only for models Bedrock serves on demand; the rest need their inference
            // profile.
            assertTrue(
                    id.matches("(us|eu|apac|global)\\..+")
                            || !MATRIX.find(id).orElseThrow().profileOnly(),
                    "cross-region profile id or on-demand model: " + id);
            assertTrue(model.path("capabilities").has("streaming"));
            assertTrue(
                    Set.of("active", "legacy", "retired")
                            .contains(model.path("lifecycle").asText()),
                    model.toString());
            assertTrue(
                    Set.of(
                                    "none",
                                    "always",
                                    "budget",
                                    "adaptive",
                                    "adaptive-only",
                                    "adaptive-always",
                                    "effort")
                            .contains(model.at("/capabilities/reasoning").asText()),
                    model.toString());
        }
        assertEquals(1, defaults);
        assertTrue(
                aliases.containsAll(
                        Set.of(
                                "claude-haiku-4-5",
                                "claude-opus-4-5",
                                "claude-sonnet-4-6",
                                "claude-opus-4-7",
                                "claude-sonnet-5",
                                "nova-pro",
                                "nova-micro",
                                "deepseek-r1",
                                "deepseek-v3-2",
                                "qwen3-235b",
                                "qwen3-coder",
                                "gpt-oss-safeguard-120b")),
                aliases.toString());
        assertEquals("nova-micro", result.body().path("defaultModel").asText());
    }

    @Test
    void showsEachModelsCapabilitiesLimitsAndLifecycleFromTheMatrix() {
        JsonNode models = Lambda.invoke(Lambda.event("models.json")).body().path("models");
        JsonNode r1 = find(models, "deepseek-r1");
        assertEquals(false, r1.at("/capabilities/tools").asBoolean(), r1.toString());
        assertEquals("always", r1.at("/capabilities/reasoning").asText());
        assertEquals(32768, r1.path("maxOutputTokens").asInt());
        JsonNode micro = find(models, "nova-micro");
        assertEquals(false, micro.at("/capabilities/documents").asBoolean());
        assertEquals(false, micro.at("/capabilities/vision").asBoolean());
        assertEquals(1000, micro.at("/capabilities/promptCacheMinTokens").asInt());
        JsonNode haiku = find(models, "claude-haiku-4-5");
        assertEquals("budget", haiku.at("/capabilities/reasoning").asText());
        assertTrue(haiku.at("/capabilities/oneSamplingParameter").asBoolean());
        JsonNode opus47 = find(models, "claude-opus-4-7");
        assertEquals("adaptive-only", opus47.at("/capabilities/reasoning").asText());
        assertTrue(opus47.at("/capabilities/defaultSamplingOnly").asBoolean());
        assertEquals(128000, opus47.path("maxOutputTokens").asInt());
        assertEquals(
                "adaptive", find(models, "claude-opus-4-6").at("/capabilities/reasoning").asText());
        // The seed's models (dates of the matrix; the suite runs after 2026-06-19).
        assertEquals("retired", find(models, "claude-3-5-sonnet-v1").path("lifecycle").asText());
        assertEquals("retired", find(models, "claude-3-7-sonnet").path("lifecycle").asText());
        assertEquals(
                "claude-sonnet-4-6",
                find(models, "claude-3-7-sonnet").path("replacement").asText());
        assertEquals("active", find(models, "claude-opus-4-5").path("lifecycle").asText());
        assertEquals(
                false,
                find(models, "llama-3-1-70b").at("/capabilities/streamingTools").asBoolean());
    }

    @Test
    void theSeedNotebooksIdsWorkAsWritten() {
        for (String id :
                new String[] {
                    "amazon.nova-pro-v1:0",
                    "us.amazon.nova-micro-v1:0",
                    "meta.llama3-1-70b-instruct-v1:0",
                    "us.deepseek.r1-v1:0",
                    "anthropic.claude-haiku-4-5-20251001-v1:0"
                }) {
            Emulator.control().reset();
            ProxyResult result =
                    Lambda.post(
                            "/v1/summarize",
                            Map.of("text", "The seed notebook calls this model.", "model", id));
            assertEquals(200, result.status(), id + ": " + result);
            // Served through the catalog's own inference profile, the one the IAM policy allows.
            String called = Emulator.control().calls().get(0).path("modelId").asText();
            assertEquals(FeatureMatrix.baseModelId(id), FeatureMatrix.baseModelId(called), id);
            assertTrue(called.matches("(us|global)\\..+"), called);
        }
        // The seed's Claude 3.x ids still resolve to their catalog entries, and answer what Bedrock
        // answers for them today: they reached their end of life (410 model_retired, no call).
        for (String id :
                new String[] {
                    "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                    "anthropic.claude-3-5-haiku-20241022-v1:0"
                }) {
            Emulator.control().reset();
            ProxyResult result =
                    Lambda.post(
                            "/v1/summarize",
                            Map.of("text", "The seed notebook calls this model.", "model", id));
            assertEquals(410, result.status(), id + ": " + result);
            assertEquals("model_retired", result.errorCode());
            assertTrue(Emulator.control().calls().isEmpty(), id);
        }
    }

    @Test
    void oneModelIsFoundByEveryIdFormARequestAccepts() {
        // The forms POST /v1/summarize accepts: alias, catalog id, bare id, another geography's
        // profile.
        for (String name :
                new String[] {
                    "nova-micro",
                    "us.amazon.nova-micro-v1:0",
                    "amazon.nova-micro-v1:0",
                    "eu.amazon.nova-micro-v1:0",
                    "apac.amazon.nova-micro-v1%3A0"
                }) {
            ProxyResult result = Lambda.get("/v1/models/" + name);
            assertEquals(200, result.status(), name + ": " + result);
            assertEquals("nova-micro", result.body().path("id").asText(), name);
            assertEquals("us.amazon.nova-micro-v1:0", result.body().path("modelId").asText(), name);
        }
        // A retired model can still be looked at (its 410 points callers here).
        ProxyResult retired = Lambda.get("/v1/models/anthropic.claude-3-7-sonnet-20250219-v1:0");
        assertEquals(200, retired.status(), retired.toString());
        assertEquals("retired", retired.body().path("lifecycle").asText());
        ProxyResult unknown = Lambda.get("/v1/models/amazon.nova-nonexistent-v9:0");
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.errorCode());
    }

    @Test
    void theAllowListMessageNamesOnlyModelsThatCanStillBeCalled() {
        ProxyResult result =
                Lambda.post("/v1/summarize", Map.of("text", "Hello there.", "model", "gpt-4"));
        assertEquals(400, result.status());
        assertEquals("model_not_allowed", result.errorCode());
        String allowed =
                result.errorMessage().substring(result.errorMessage().indexOf("allowed: "));
        assertTrue(
                allowed.contains("nova-micro") && allowed.contains("claude-sonnet-4-6"), allowed);
        for (JsonNode model : Lambda.get("/v1/models").body().path("models")) {
            if (model.path("lifecycle").asText().equals("retired")) {
                String alias = model.path("id").asText();
                assertTrue(
                        !java.util.Arrays.asList(allowed.split("[ ,()]+")).contains(alias),
                        "retired " + alias + " listed as allowed: " + allowed);
            }
        }
    }

    private static JsonNode find(JsonNode models, String alias) {
        for (JsonNode model : models) {
            if (model.path("id").asText().equals(alias)) {
                return model;
            }
        }
        throw new AssertionError(alias + " is not in " + models);
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
        assertEquals(
                "global.anthropic.claude-haiku-4-5-20251001-v1:0",
                result.header("X-Parley-Model-Id"));
        JsonNode call = Emulator.control().calls().get(0);
        assertEquals("invoke", call.path("operation").asText());
        assertEquals("bedrock-2023-05-31", call.at("/body/anthropic_version").asText());
    }

    @Test
    void invokeAcceptsAUrlEncodedProfileId() {
        ProxyResult result =
                Lambda.post(
                        "/v1/models/us.amazon.nova-micro-v1%3A0/invoke",
                        Map.of(
                                "messages",
                                new Object[] {
                                    Map.of(
                                            "role",
                                            "user",
                                            "content",
                                            new Object[] {Map.of("text", "Hi")})
                                },
                                "inferenceConfig",
                                Map.of("maxTokens", 50)));
        assertEquals(200, result.status(), result.toString());
        assertTrue(
                result.body().at("/output/message/content/0/text").isTextual(), result.toString());
    }

    @Test
    void invokeRefusesModelsOutsideTheAllowList() {
        ProxyResult result =
                Lambda.post(
                        "/v1/models/amazon.titan-text-express-v1/invoke",
                        Map.of("inputText", "hi"));
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
        ProxyResult result =
                Lambda.post("/v1/models/nova-micro/invoke", Map.of("unexpected", true));
        assertEquals(400, result.status(), result.toString());
        assertEquals("validation_error", result.errorCode());
    }
}
