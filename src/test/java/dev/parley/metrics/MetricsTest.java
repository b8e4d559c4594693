package dev.parley.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EMF lines the function writes while it serves requests: valid EMF, the declared metrics, the right values. */
@QuarkusTest
class MetricsTest {

    @Inject MovableClock clock;

    @BeforeEach
    @AfterEach
    void reset() {
        Emulator.control().reset();
        clock.reset();
    }

    @Test
    void aModelCallPublishesTokensLatencyAndOverheadByRouteAndModel() {
        String caller = "metrics-" + UUID.randomUUID();
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    caller,
                                    Lambda.http(
                                            "POST",
                                            "/v1/summarize",
                                            Map.of(
                                                    "text",
                                                    "A text for the metrics test " + caller,
                                                    "model",
                                                    "nova-lite"))));
            assertEquals(200, result.status(), result.toString());
            JsonNode line = only(emf.declaring("ModelCalls"), "summarize", "nova-lite");
            assertEquals("Parley", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
            assertEquals(
                    "[[\"Route\",\"Model\"],[\"Model\"],[]]",
                    line.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
            assertEquals(1, line.path("ModelCalls").asLong());
            assertEquals(
                    result.body().at("/usage/inputTokens").asLong(),
                    line.path("InputTokens").asLong());
            assertEquals(
                    result.body().at("/usage/outputTokens").asLong(),
                    line.path("OutputTokens").asLong());
            assertEquals(0, line.path("CacheHits").asLong());
            assertEquals(0, line.path("GuardrailInterventions").asLong());
            assertEquals(
                    result.body().path("latencyMs").asLong(), line.path("ModelLatency").asLong());
            assertTrue(line.path("Overhead").asLong() >= 0);
            assertFalse(line.toString().contains(caller), "no caller identity in metrics");
        }
    }

    @Test
    void throttlingPublishesModelErrorsThrottlesAndRequestErrorsByCode() {
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ThrottlingException", "Too many requests");
        }
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult result =
                    Lambda.post(
                            "/v1/summarize",
                            Map.of("text", "Throttled text", "model", "nova-micro"));
            assertEquals(429, result.status(), result.toString());
            JsonNode error = emf.declaring("ModelErrors").get(0);
            assertEquals("throttled", error.path("ErrorCode").asText());
            assertEquals("summarize", error.path("Route").asText());
            assertEquals(
                    "[[\"ErrorCode\"],[\"Route\",\"Model\",\"ErrorCode\"]]",
                    error.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
            assertEquals(
                    1,
                    only(emf.declaring("Throttles"), "summarize", "nova-micro")
                            .path("Throttles")
                            .asLong());
            assertEquals(
                    "throttled", emf.declaring("RequestErrors").get(0).path("ErrorCode").asText());
        }
    }

    @Test
    void accessDeniedIsCountedByItsCode() {
        Emulator.control()
                .scriptError(null, "AccessDeniedException", "You don't have access to the model");
        try (EmfCapture emf = EmfCapture.start()) {
            assertEquals(502, Lambda.post("/v1/summarize", Map.of("text", "Denied text")).status());
            assertEquals(
                    "model_access_denied",
                    emf.declaring("ModelErrors").get(0).path("ErrorCode").asText());
            assertTrue(emf.declaring("Throttles").isEmpty());
        }
    }

    @Test
    void toolCallsArePublishedByToolAndOutcome() {
        Emulator.control().scriptToolUse(null, "calculator", "{\"expression\": \"6 * 7\"}");
        Emulator.control().scriptToolUse(null, "no_such_tool", "{}");
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult result =
                    Lambda.post(
                            "/v1/tools",
                            Map.of("message", "Compute", "tools", List.of("calculator")));
            assertEquals(200, result.status(), result.toString());
            List<JsonNode> tools = emf.declaring("ToolCalls");
            assertEquals(2, tools.size(), tools.toString());
            assertEquals("calculator", tools.get(0).path("Tool").asText());
            assertEquals("success", tools.get(0).path("Outcome").asText());
            assertEquals(
                    "unknown",
                    tools.get(1).path("Tool").asText(),
                    "invented names do not become dimensions");
            assertEquals("error", tools.get(1).path("Outcome").asText());
            assertEquals(
                    3,
                    emf.declaring("ModelCalls").stream()
                            .filter(l -> "tools".equals(l.path("Route").asText()))
                            .count(),
                    "each loop iteration is a model call");
        }
    }

    @Test
    void budgetRefusalsArePublishedByRouteAndPeriod() {
        clock.set(Instant.parse("2032-01-10T10:00:00Z"));
        try (EmfCapture emf = EmfCapture.start()) {
            Map<String, String> body = Map.of("text", "Budgeted text");
            assertEquals(
                    200,
                    Lambda.invoke(
                                    Lambda.as(
                                            "budget-loop",
                                            Lambda.http("POST", "/v1/summarize", body)))
                            .status());
            ProxyResult refused =
                    Lambda.invoke(
                            Lambda.as("budget-loop", Lambda.http("POST", "/v1/summarize", body)));
            assertEquals(429, refused.status(), refused.toString());
            JsonNode line = emf.declaring("BudgetRefusals").get(0);
            assertEquals("summarize", line.path("Route").asText());
            assertEquals("daily", line.path("Period").asText());
            assertEquals(
                    "quota_exceeded",
                    emf.declaring("RequestErrors").get(0).path("ErrorCode").asText());
            assertTrue(
                    emf.declaring("ModelErrors").isEmpty(),
                    "a refused call never reached the model");
        }
    }

    @Test
    void everyLineIsOneJsonObjectOnItsOwnLine() {
        try (EmfCapture emf = EmfCapture.start()) {
            Lambda.post("/v1/summarize", Map.of("text", "One more text"));
            Lambda.get("/v1/no-such-route");
            List<JsonNode> lines = emf.lines();
            assertTrue(lines.size() >= 2, lines.toString());
            Set<String> names = new java.util.HashSet<>();
            lines.forEach(
                    l ->
                            l.at("/_aws/CloudWatchMetrics/0/Metrics")
                                    .forEach(m -> names.add(m.path("Name").asText())));
            assertTrue(names.containsAll(Set.of("ModelCalls", "RequestErrors")), names.toString());
        }
    }

    private static JsonNode only(List<JsonNode> lines, String route, String model) {
        List<JsonNode> matching =
                lines.stream()
                        .filter(
                                l ->
                                        route.equals(l.path("Route").asText())
                                                && model.equals(l.path("Model").asText()))
                        .toList();
        assertEquals(1, matching.size(), lines.toString());
        return matching.get(0);
    }
}
