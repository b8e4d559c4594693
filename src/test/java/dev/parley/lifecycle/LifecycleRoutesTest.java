package dev.parley.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A legacy model's answers carry Deprecation / Sunset / Link on every route that names a model; a
 * retired one is refused with 410 before Bedrock is called; the state moves with the clock.
 * claude-sonnet-4-5 is legacy from 2026-10-08 to its end of life on 2027-04-08; claude-3-7-sonnet
 * reached its end of life on 2026-04-28 (the feature matrix's dates).
 */
@QuarkusTest
class LifecycleRoutesTest {
    private static final String DEPRECATION =
            "@" + LocalDate.parse("2026-10-08").atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final String SUNSET = "Thu, 08 Apr 2027 00:00:00 GMT";

    @Inject MovableClock clock;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        // Inside sonnet 4.5's legacy period, whatever day the suite runs on.
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void assertWarned(ProxyResult result, String modelsPath) {
        assertTrue(result.status() == 200 || result.status() == 201, result.toString());
        assertEquals(DEPRECATION, result.header("Deprecation"), result.toString());
        assertEquals(SUNSET, result.header("Sunset"));
        assertTrue(
                result.header("Link")
                        .startsWith(
                                "<" + modelsPath + "claude-sonnet-4-6>; rel=\"successor-version\""),
                result.header("Link"));
        assertTrue(result.header("Link").contains("rel=\"deprecation\""));
    }

    @Test
    void legacyModelAnswersWithTheWarningHeadersOnEveryRoute() {
        assertWarned(
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "Legacy models still answer.",
                                "model",
                                "claude-sonnet-4-5")),
                "/v1/models/");
        assertWarned(
                Lambda.post("/v1/chat", Map.of("message", "Hi", "model", "claude-sonnet-4-5")),
                "/v1/models/");
        assertWarned(
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "message",
                                "What is 2+2?",
                                "model",
                                "claude-sonnet-4-5",
                                "tools",
                                List.of("calculator"))),
                "/v1/models/");
        assertWarned(
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hi",
                                "models",
                                List.of("nova-micro", "claude-sonnet-4-5"))),
                "/v1/models/");
        assertWarned(
                Lambda.post(
                        "/v1/models/claude-sonnet-4-5/invoke",
                        Map.of(
                                "anthropic_version",
                                "bedrock-2023-05-31",
                                "max_tokens",
                                50,
                                "messages",
                                List.of(Map.of("role", "user", "content", "Hi")))),
                "/v1/models/");
        assertWarned(
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-sonnet-4-5",
                                "messages",
                                List.of(Map.of("role", "user", "content", "Hi")))),
                "/openai/v1/models/");
    }

    @Test
    void activeModelAnswersWithoutThem() {
        ProxyResult result =
                Lambda.post(
                        "/v1/summarize",
                        Map.of("text", "Active models do not warn.", "model", "claude-haiku-4-5"));
        assertEquals(200, result.status(), result.toString());
        assertNull(result.header("Deprecation"));
        assertNull(result.header("Sunset"));
        assertNull(result.header("Link"));
    }

    @Test
    void legacyCallsAreCountedPerModel() {
        try (EmfCapture emf = EmfCapture.start()) {
            Lambda.post("/v1/summarize", Map.of("text", "Count me.", "model", "claude-sonnet-4-5"));
            Lambda.post("/v1/summarize", Map.of("text", "Not me.", "model", "nova-micro"));
            List<JsonNode> lines = emf.declaring("LegacyModelCalls");
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("claude-sonnet-4-5", lines.get(0).path("Model").asText());
            assertEquals(1, lines.get(0).path("LegacyModelCalls").asInt());
        }
    }

    @Test
    void retiredModelIsRefusedBeforeBedrockIsCalled() {
        ProxyResult result =
                Lambda.post("/v1/chat", Map.of("message", "Hi", "model", "claude-3-7-sonnet"));
        assertEquals(410, result.status(), result.toString());
        assertEquals("model_retired", result.errorCode());
        assertTrue(
                result.errorMessage().contains("2026-04-28")
                        && result.errorMessage().contains("'claude-sonnet-4-6'"),
                result.errorMessage());
        assertTrue(
                result.header("Link")
                        .contains("</v1/models/claude-sonnet-4-6>; rel=\"successor-version\""));
        // The seed notebook's full id resolves to the same catalog entry, and is refused the same
        // way.
        assertEquals(
                410,
                Lambda.post(
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "x",
                                        "model",
                                        "anthropic.claude-3-5-haiku-20241022-v1:0"))
                        .status());
        assertTrue(Emulator.control().calls().isEmpty(), "no model was called");
    }

    @Test
    void theReplacementNamedIsOneThatIsStillActive() {
        // AWS names Sonnet 4.5 as Claude 3.5 Sonnet's replacement; Sonnet 4.5 is itself legacy now.
        ProxyResult result =
                Lambda.post("/v1/summarize", Map.of("text", "x", "model", "claude-3-5-sonnet"));
        assertEquals(410, result.status(), result.toString());
        assertTrue(
                result.errorMessage().contains("use 'claude-sonnet-4-6' instead"),
                result.errorMessage());
        assertTrue(
                result.header("Link").startsWith("</v1/models/claude-sonnet-4-6>"),
                result.header("Link"));
    }

    @Test
    void aRefusalCarriesNoLegacyWarningOfAnotherModel() {
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hi",
                                "models",
                                List.of("claude-sonnet-4-5", "claude-3-7-sonnet")));
        assertEquals(410, result.status(), result.toString());
        assertNull(
                result.header("Deprecation"),
                "the legacy model's warning does not ride on the refusal");
        assertTrue(
                result.header("Link").startsWith("</v1/models/claude-sonnet-4-6>"),
                result.header("Link"));
        assertTrue(Emulator.control().calls().isEmpty(), "no model was called");
    }

    @Test
    void retiredModelOnTheOpenAiRoutesIsRefusedInOpenAisShape() {
        ProxyResult result =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "claude-3-5-sonnet",
                                "messages",
                                List.of(Map.of("role", "user", "content", "Hi"))));
        assertEquals(410, result.status(), result.toString());
        assertEquals("invalid_request_error", result.body().at("/error/type").asText());
        assertEquals("model_retired", result.errorCode());
        assertTrue(
                result.errorMessage().contains("use 'claude-sonnet-4-6'"), result.errorMessage());
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void theStateMovesWithTheClock() {
        clock.set(Instant.parse("2026-09-01T00:00:00Z"));
        ProxyResult before =
                Lambda.post(
                        "/v1/summarize",
                        Map.of("text", "Still active.", "model", "claude-sonnet-4-5"));
        assertEquals(200, before.status(), before.toString());
        assertNull(before.header("Deprecation"));
        assertEquals("active", model("claude-sonnet-4-5").path("lifecycle").asText());

        Emulator.control().reset();
        clock.set(Instant.parse("2027-04-08T00:00:00Z"));
        assertEquals("retired", model("claude-sonnet-4-5").path("lifecycle").asText());
        ProxyResult after =
                Lambda.post("/v1/summarize", Map.of("text", "Gone.", "model", "claude-sonnet-4-5"));
        assertEquals(410, after.status(), after.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }

    @Test
    void theModelsListingShowsStateDatesAndReplacement() {
        JsonNode sonnet = model("claude-sonnet-4-5");
        assertEquals("legacy", sonnet.path("lifecycle").asText());
        assertEquals("2026-10-08", sonnet.path("legacyDate").asText());
        assertEquals("2027-04-08", sonnet.path("eolDate").asText());
        assertEquals("claude-sonnet-4-6", sonnet.path("replacement").asText());
        JsonNode sonnet4 = model("claude-sonnet-4");
        assertEquals("retired", sonnet4.path("lifecycle").asText());
        assertEquals("2026-10-14", sonnet4.path("eolDate").asText());
        JsonNode micro = model("nova-micro");
        assertEquals("active", micro.path("lifecycle").asText());
        assertFalse(micro.has("eolDate"));
        // The successor link's target.
        ProxyResult one = Lambda.get("/v1/models/claude-sonnet-4-6");
        assertEquals(200, one.status(), one.toString());
        assertEquals("active", one.body().path("lifecycle").asText());
        assertEquals("adaptive", one.body().at("/capabilities/reasoning").asText());
        assertEquals(404, Lambda.get("/v1/models/no-such-model").status());

        ProxyResult openAi = Lambda.get("/openai/v1/models/claude-sonnet-4-5");
        assertEquals(200, openAi.status(), openAi.toString());
        assertEquals("legacy", openAi.body().path("lifecycle").asText());
        assertEquals("2027-04-08", openAi.body().path("eol_date").asText());
        assertEquals("claude-sonnet-4-6", openAi.body().path("replacement").asText());
        assertFalse(Lambda.get("/openai/v1/models/nova-micro").body().has("lifecycle"));
    }

    private static JsonNode model(String alias) {
        for (JsonNode model : Lambda.get("/v1/models").body().path("models")) {
            if (model.path("id").asText().equals(alias)) {
                return model;
            }
        }
        throw new AssertionError(alias + " is not listed");
    }
}
