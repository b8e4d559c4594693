package dev.parley.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * The Invoke Model passthrough's guardrail (InvokeModel's guardrailIdentifier, through the real
 * SDK client against the emulator) is charged from the trace Bedrock adds to the body, with
 * parley.guardrails.trace off too (the trace is then asked for and removed), and a guardrail the
 * account enforces runs on InvokeModel as well: its block is Bedrock's INTERVENED answer, charged
 * under its own rows.
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.UntracedAsync.class)
class InvokeGuardrailTest {

    static final String ACCOUNT_MESSAGE = "Blocked by the account's policy.";

    @Inject UsageLedger ledger;
    @Inject BedrockClient bedrock;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static ProxyResult invoke(String caller, String text) {
        return Lambda.invoke(
                Lambda.as(
                        caller,
                        Lambda.http(
                                "POST",
                                "/v1/models/nova-micro/invoke",
                                Map.of(
                                        "messages",
                                        List.of(
                                                Map.of(
                                                        "role",
                                                        "user",
                                                        "content",
                                                        List.of(Map.of("text", text)))),
                                        "inferenceConfig",
                                        Map.of("maxTokens", 50)))));
    }

    private LedgerEntry row(String caller, String model) {
        List<LedgerEntry> entries = ledger.day(caller, LocalDate.now(ZoneOffset.UTC));
        return entries.stream()
                .filter(e -> e.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError(model + " not in " + entries));
    }

    @Test
    void thePassthroughsGuardrailIsChargedFromTheTraceWhichStaysHidden() {
        String caller = "invoke-guard-" + UUID.randomUUID();
        ProxyResult result = invoke(caller, "What is the capital of France? " + caller);
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "ENABLED",
                Emulator.control().calls().get(0).at("/headers/x-amzn-bedrock-trace").asText(),
                "asked for, to read the units");
        assertEquals("NONE", result.body().path("amazon-bedrock-guardrailAction").asText());
        assertFalse(result.body().has("amazon-bedrock-trace"), result.toString());
        // Three paid text policies of the demo guardrail, one unit each for input and answer.
        assertEquals(
                6, row(caller, "guardrail:" + GuardrailRegistry.DEMO_ID).totals().inputTokens());
    }

    @Test
    void anAccountEnforcedGuardrailBlocksOnInvokeModelAndIsCharged() {
        String name = "account-invoke-" + UUID.randomUUID().toString().substring(0, 8);
        String account =
                bedrock.createGuardrail(
                                r ->
                                        r.name(name)
                                                .blockedInputMessaging(ACCOUNT_MESSAGE)
                                                .blockedOutputsMessaging(ACCOUNT_MESSAGE)
                                                .wordPolicyConfig(
                                                        w -> w.wordsConfig(c -> c.text("kestrel"))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(account));
        String configId =
                bedrock.putEnforcedGuardrailConfiguration(
                                r ->
                                        r.guardrailInferenceConfig(
                                                c ->
                                                        c.guardrailIdentifier(account)
                                                                .guardrailVersion("1")
                                                                .modelEnforcement(
                                                                        m ->
                                                                                m.includedModels(
                                                                                        "amazon.nova-micro-v1:0"))))
                        .configId();
        try {
            String caller = "invoke-enforced-" + UUID.randomUUID();
            ProxyResult blocked = invoke(caller, "What is project kestrel? " + caller);
            assertEquals(200, blocked.status(), blocked.toString());
            JsonNode body = blocked.body();
            assertEquals("INTERVENED", body.path("amazon-bedrock-guardrailAction").asText());
            assertEquals(ACCOUNT_MESSAGE, body.at("/output/message/content/0/text").asText());
            assertEquals(0, body.at("/usage/outputTokens").asInt(), "the model did not run");
            // The account's guardrail: its word policy on the input, one unit.
            assertEquals(1, row(caller, "guardrail:" + account).totals().inputTokens());
            assertTrue(
                    row(caller, "guardrail:" + GuardrailRegistry.DEMO_ID).totals().inputTokens()
                            > 0);
        } finally {
            bedrock.deleteEnforcedGuardrailConfiguration(r -> r.configId(configId));
        }
    }
}
