package dev.parley.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.local.bedrock.guardrails.GuardrailRegistry;
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
 * With parley.guardrails.trace off, the guardrail inside a model call is still charged: Converse
 * reports its units only in the trace, so Parley always asks for it and only hides it
 * (GuardrailsAsyncTest checks that the answer shows no trace).
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.UntracedAsync.class)
class GuardrailUntracedChargesTest {

    @Inject UsageLedger ledger;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void anUntracedGuardrailIsStillCharged() {
        String caller = "untraced-" + UUID.randomUUID();
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
        // As in GuardrailLedgerTest: three paid text policies, one unit each for input and answer.
        assertEquals(6, guardrail.totals().inputTokens(), entries.toString());
    }
}
