package dev.parley.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A guardrail with an Automated Reasoning policy (created in the emulator through the real
 * control-plane client and enforced on the account) assesses the answer of Parley's chat route:
 * the findings reach Parley's trace (result, confidence, rule ids) and the checks' units are
 * charged under {@code guardrail:{id}/automated-reasoning}. Its word filter blocks the answer so
 * the turn shows its trace (Parley shows a trace only with an intervention).
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.TracedSync.class)
class ReasoningGuardrailTest {

    static final String MESSAGE = "Withheld by the account's policy.";

    @Inject BedrockClient bedrock;
    @Inject UsageLedger ledger;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void automatedReasoningFindingsAreShownAndCharged() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String policy =
                bedrock.createAutomatedReasoningPolicy(
                                r ->
                                        r.name("leave-" + suffix)
                                                .policyDefinition(
                                                        d ->
                                                                d.variables(
                                                                                v ->
                                                                                        v.name(
                                                                                                        "max_leave_days")
                                                                                                .type(
                                                                                                        "INT")
                                                                                                .description(
                                                                                                        "Paid leave"))
                                                                        .rules(
                                                                                rule ->
                                                                                        rule.id(
                                                                                                        "LEAVE1")
                                                                                                .expression(
                                                                                                        "(= max_leave_days 20)"))))
                        .policyArn();
        String guardrail =
                bedrock.createGuardrail(
                                r ->
                                        r.name("reasoned-" + suffix)
                                                .blockedInputMessaging(MESSAGE)
                                                .blockedOutputsMessaging(MESSAGE)
                                                .wordPolicyConfig(
                                                        w -> w.wordsConfig(c -> c.text("osprey")))
                                                .automatedReasoningPolicyConfig(
                                                        a -> a.policies(policy)))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(guardrail));
        String configId =
                bedrock.putEnforcedGuardrailConfiguration(
                                r ->
                                        r.guardrailInferenceConfig(
                                                c ->
                                                        c.guardrailIdentifier(guardrail)
                                                                .guardrailVersion("1")
                                                                .modelEnforcement(
                                                                        m ->
                                                                                m.includedModels(
                                                                                        "amazon.nova-micro-v1:0"))))
                        .configId();
        try {
            String caller = "reasoned-" + UUID.randomUUID();
            Emulator.control().scriptText(null, "Under project osprey the max leave days are 30.");
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    caller,
                                    Lambda.http(
                                            "POST",
                                            "/v1/chat",
                                            Map.of(
                                                    "model",
                                                    "nova-micro",
                                                    "message",
                                                    "How many days of leave do I get?"))));
            assertEquals(200, result.status(), result.toString());
            JsonNode body = result.body();
            assertEquals(MESSAGE, body.path("reply").asText(), body.toString());
            JsonNode assessment = null;
            for (JsonNode a : body.at("/guardrail/trace/output")) {
                if (a.at("/appliedGuardrail/id").asText().equals(guardrail)) {
                    assessment = a;
                }
            }
            JsonNode finding = assessment.path("automatedReasoning").path(0);
            assertEquals("INVALID", finding.path("result").asText(), body.toString());
            assertEquals("[\"LEAVE1\"]", finding.path("rules").toString());
            assertEquals(1.0, finding.path("confidence").asDouble());

            List<LedgerEntry> entries = ledger.day(caller, LocalDate.now(ZoneOffset.UTC));
            LedgerEntry charged =
                    entries.stream()
                            .filter(
                                    e ->
                                            e.model()
                                                    .equals(
                                                            "guardrail:"
                                                                    + guardrail
                                                                    + "/automated-reasoning"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(entries.toString()));
            assertEquals(1, charged.totals().inputTokens(), entries.toString());
        } finally {
            bedrock.deleteEnforcedGuardrailConfiguration(r -> r.configId(configId));
        }
    }
}
