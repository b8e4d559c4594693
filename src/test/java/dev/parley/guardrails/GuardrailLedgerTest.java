package dev.parley.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.bedrock.guardrails.GuardrailRegistry;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guardrail units are charged to the caller: ApplyGuardrail checks of tool output (also counted in
 * the metrics) and the guardrail Converse applies inside a model call (from its trace).
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.TracedSync.class)
class GuardrailLedgerTest {

    @Inject UsageLedger ledger;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void aToolOutputCheckIsChargedUnderTheGuardrail() {
        String caller = "guarded-" + UUID.randomUUID();
        Emulator.control().scriptToolUse(null, "fetch_page", "{\"page\": \"contact\"}");
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    caller,
                                    Lambda.http(
                                            "POST",
                                            "/v1/tools",
                                            Map.of(
                                                    "message",
                                                    "How do I reach them?",
                                                    "tools",
                                                    List.of("fetch_page")))));
            assertEquals(200, result.status(), result.toString());
            JsonNode check = emf.declaring("GuardrailChecks").get(0);
            assertEquals("tools", check.path("Route").asText());
            assertEquals(
                    1,
                    check.path("GuardrailInterventions").asLong(),
                    "the contact page's e-mail was masked");
            assertTrue(check.path("GuardrailTextUnits").asLong() >= 1, check.toString());

            List<LedgerEntry> entries = ledger.day(caller, LocalDate.now(ZoneOffset.UTC));
            LedgerEntry guardrail =
                    entries.stream()
                            .filter(e -> e.model().equals("guardrail:" + GuardrailRegistry.DEMO_ID))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(entries.toString()));
            // The check, and the guardrail Converse ran inside each of the loop's two model calls
            // (their units come from the trace): one row, as Bedrock prices them alike.
            assertEquals(3, guardrail.totals().calls(), entries.toString());
            assertTrue(
                    guardrail.totals().inputTokens() > check.path("GuardrailTextUnits").asLong(),
                    entries.toString());
            assertEquals(
                    2,
                    entries.stream()
                            .filter(e -> !e.model().startsWith("guardrail:"))
                            .mapToLong(e -> e.totals().calls())
                            .sum(),
                    "and the loop's two model calls: " + entries);
        }
    }

    @Test
    void theGuardrailInsideAModelCallIsChargedFromItsTrace() {
        String caller = "guarded-" + UUID.randomUUID();
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST", "/v1/chat", Map.of("message", "Hello there."))));
        assertEquals(201, result.status(), result.toString());
        List<LedgerEntry> entries = ledger.day(caller, LocalDate.now(ZoneOffset.UTC));
        LedgerEntry guardrail =
                entries.stream()
                        .filter(e -> e.model().equals("guardrail:" + GuardrailRegistry.DEMO_ID))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(entries.toString()));
        assertEquals(1, guardrail.totals().calls());
        // The demo guardrail's three paid text policies (denied topics, content filters, words;
        // its PII units are free), one unit each for the short input and the short answer.
        assertEquals(6, guardrail.totals().inputTokens(), entries.toString());
    }
}
