package dev.parley.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic route gets every pipeline stage by construction: the usage ledger, budgets,
 * metrics and the model lifecycle (guardrails: {@link AnthropicGuardrailTest}).
 */
@QuarkusTest
class AnthropicRouteStagesTest {
    private static final String MESSAGES = "/anthropic/v1/messages";

    @Inject MovableClock clock;
    @Inject UsageLedger ledger;

    @BeforeEach
    @AfterEach
    void reset() {
        clock.reset();
        Emulator.control().reset();
    }

    private static ProxyResult message(String caller, String model, String text) {
        return Lambda.invoke(
                Lambda.as(
                        caller,
                        Lambda.http(
                                "POST",
                                MESSAGES,
                                Map.of(
                                        "model",
                                        model,
                                        "max_tokens",
                                        200,
                                        "messages",
                                        List.of(Map.of("role", "user", "content", text))))));
    }

    @Test
    void aCallIsChargedToItsCallerAndARefusedOneIsNot() {
        clock.set(Instant.parse("2031-08-10T10:00:00Z"));
        String caller = "anthropic-" + UUID.randomUUID();
        assertEquals(200, message(caller, "claude-haiku-4-5", "Name a river").status());
        ProxyResult refused =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        MESSAGES,
                                        Map.of(
                                                "model",
                                                "claude-haiku-4-5",
                                                "max_tokens",
                                                10,
                                                "messages",
                                                List.of(Map.of("role", "user", "content", 7))))));
        assertEquals(400, refused.status(), refused.toString());
        List<LedgerEntry> day = ledger.day(caller, LocalDate.of(2031, 8, 10));
        assertEquals(1, day.size(), day.toString());
        assertEquals("claude-haiku-4-5", day.get(0).model());
        assertEquals(1, day.get(0).totals().calls(), day.toString());
    }

    @Test
    void aSpentBudgetIsAnthropicsRateLimitErrorWithRetryAfter() {
        clock.set(Instant.parse("2031-09-14T23:59:00Z"));
        ProxyResult refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            ProxyResult result =
                    message(
                            "budget-daily",
                            "nova-micro",
                            "A short text about budgets, to be answered.");
            if (result.status() != 200) {
                refused = result;
            }
        }
        assertNotNull(refused, "the daily budget refused a call");
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("rate_limit_error", refused.body().at("/error/type").asText());
        assertTrue(
                refused.body().at("/error/message").asText().contains("daily budget"),
                refused.toString());
        assertTrue(Long.parseLong(refused.header("Retry-After")) <= 60, refused.toString());
    }

    @Test
    void everyCallIsMeteredUnderTheAnthropicRoute() {
        try (EmfCapture emf = EmfCapture.start()) {
            assertEquals(200, message("anthropic-metrics", "nova-micro", "Name a river").status());
            List<JsonNode> lines = emf.declaring("ModelCalls");
            assertTrue(
                    lines.stream()
                            .anyMatch(
                                    line ->
                                            line.path("Route").asText().equals("anthropic")
                                                    && line.path("Model")
                                                            .asText()
                                                            .equals("nova-micro")),
                    lines.toString());
        }
    }

    private static ProxyResult countTokens(String caller, String model, String text) {
        return Lambda.invoke(
                Lambda.as(
                        caller,
                        Lambda.http(
                                "POST",
                                MESSAGES + "/count_tokens",
                                Map.of(
                                        "model",
                                        model,
                                        "messages",
                                        List.of(Map.of("role", "user", "content", text))))));
    }

    @Test
    void countingTokensIsMeteredAndRecordedAsACallWithoutTokens() {
        clock.set(Instant.parse("2031-08-11T10:00:00Z"));
        String caller = "anthropic-count-" + UUID.randomUUID();
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult counted =
                    countTokens(caller, "claude-haiku-4-5", "How many tokens is this?");
            assertEquals(200, counted.status(), counted.toString());
            assertTrue(counted.body().path("input_tokens").asInt() > 0, counted.toString());
            List<JsonNode> lines = emf.declaring("ModelCalls");
            assertTrue(
                    lines.stream()
                            .anyMatch(
                                    line ->
                                            line.path("Route")
                                                            .asText()
                                                            .equals("anthropic.count_tokens")
                                                    && line.path("Model")
                                                            .asText()
                                                            .equals("claude-haiku-4-5")
                                                    && line.path("OutputTokens").asLong() == 0),
                    lines.toString());
        }
        List<LedgerEntry> day = ledger.day(caller, LocalDate.of(2031, 8, 11));
        assertEquals(1, day.size(), day.toString());
        assertEquals(1, day.get(0).totals().calls(), day.toString());
        assertEquals(0, day.get(0).totals().tokens(), "counting spends no tokens: " + day);
    }

    @Test
    void countingTokensOfARetiredModelIsRefusedLikeAMessage() {
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
        ProxyResult legacy =
                countTokens("anthropic-count-lifecycle", "claude-sonnet-4-5-20250929", "Hi");
        assertEquals(200, legacy.status(), legacy.toString());
        assertTrue(legacy.header("Deprecation").startsWith("@"), legacy.toString());
        ProxyResult retired =
                countTokens("anthropic-count-lifecycle", "claude-3-7-sonnet-20250219", "Hi");
        assertEquals(410, retired.status(), retired.toString());
        assertEquals("not_found_error", retired.body().at("/error/type").asText());
    }

    @Test
    void aLegacyModelWarnsAndARetiredOneIsRefusedBeforeBedrock() {
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
        ProxyResult legacy = message("anthropic-lifecycle", "claude-sonnet-4-5-20250929", "Hi");
        assertEquals(200, legacy.status(), legacy.toString());
        long deprecation =
                LocalDate.parse("2026-10-08").atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertEquals("@" + deprecation, legacy.header("Deprecation"), legacy.toString());
        assertTrue(legacy.header("Link").contains("claude-sonnet-4-6"), legacy.header("Link"));
        assertTrue(
                legacy.header("X-Parley-Warning")
                        .startsWith("this model is legacy since 2026-10-08"),
                legacy.toString());

        Emulator.control().reset();
        ProxyResult retired = message("anthropic-lifecycle", "claude-3-7-sonnet-20250219", "Hi");
        assertEquals(410, retired.status(), retired.toString());
        assertEquals("not_found_error", retired.body().at("/error/type").asText());
        assertTrue(
                retired.body().at("/error/message").asText().contains("claude-sonnet-4-6"),
                retired.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "no model was called");
    }
}
