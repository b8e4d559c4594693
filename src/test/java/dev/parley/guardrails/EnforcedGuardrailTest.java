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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * A guardrail the account enforces on every call (set up in the emulator through the real
 * control-plane client, as an administrator does with PutEnforcedGuardrailConfiguration) runs
 * beside Parley's own, and Parley's answer says which guardrail assessed what: each assessment of
 * the trace names its guardrail, its version and where it came from (the request, the account, or
 * its AWS Organization, whose guardrail is another account's), and each is charged.
 */
@QuarkusTest
@TestProfile(GuardrailProfiles.TracedSync.class)
class EnforcedGuardrailTest {

    static final String ACCOUNT_MESSAGE = "Blocked by the account's policy.";
    static final String ORG_MESSAGE = "Blocked by the organization's policy.";

    @Inject BedrockClient bedrock;
    @Inject UsageLedger ledger;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void anAccountEnforcedGuardrailsBlockIsShownWithItsOriginBesideParleysOwn() {
        String name = "account-policy-" + UUID.randomUUID().toString().substring(0, 8);
        String accountGuardrail =
                bedrock.createGuardrail(
                                r ->
                                        r.name(name)
                                                .blockedInputMessaging(ACCOUNT_MESSAGE)
                                                .blockedOutputsMessaging(ACCOUNT_MESSAGE)
                                                .wordPolicyConfig(
                                                        w ->
                                                                w.wordsConfig(
                                                                        c -> c.text("bluebird"))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(accountGuardrail));
        // Only Nova Micro's calls: the enforcement stays with this test's model.
        String configId =
                bedrock.putEnforcedGuardrailConfiguration(
                                r ->
                                        r.guardrailInferenceConfig(
                                                c ->
                                                        c.guardrailIdentifier(accountGuardrail)
                                                                .guardrailVersion("1")
                                                                .modelEnforcement(
                                                                        m ->
                                                                                m.includedModels(
                                                                                        "amazon.nova-micro-v1:0"))))
                        .configId();
        try {
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    "enforced-" + UUID.randomUUID(),
                                    Lambda.http(
                                            "POST",
                                            "/v1/chat",
                                            Map.of(
                                                    "model",
                                                    "nova-micro",
                                                    "message",
                                                    "What is project bluebird?"))));
            assertEquals(200, result.status(), result.toString());
            JsonNode body = result.body();
            assertEquals("guardrail_intervened", body.path("stopReason").asText(), body.toString());
            assertEquals(ACCOUNT_MESSAGE, body.path("reply").asText());
            Map<String, JsonNode> byGuardrail = new HashMap<>();
            body.at("/guardrail/trace/input")
                    .forEach(a -> byGuardrail.put(a.at("/appliedGuardrail/id").asText(), a));
            JsonNode account = byGuardrail.get(accountGuardrail);
            assertEquals(
                    "[\"ACCOUNT_ENFORCED\"]",
                    account.at("/appliedGuardrail/origin").toString(),
                    body.toString());
            assertEquals("1", account.at("/appliedGuardrail/version").asText());
            assertEquals("SELF", account.at("/appliedGuardrail/ownership").asText());
            assertEquals("BLOCKED", account.at("/words/0/action").asText(), body.toString());
            JsonNode own = byGuardrail.get(GuardrailRegistry.DEMO_ID);
            assertEquals("[\"REQUEST\"]", own.at("/appliedGuardrail/origin").toString());

            // Another model is not covered: the account's guardrail does not run there.
            ProxyResult other =
                    Lambda.invoke(
                            Lambda.as(
                                    "enforced-" + UUID.randomUUID(),
                                    Lambda.http(
                                            "POST",
                                            "/v1/chat",
                                            Map.of(
                                                    "model",
                                                    "nova-lite",
                                                    "message",
                                                    "What is project bluebird?"))));
            assertEquals(201, other.status(), other.toString());
            assertFalse(other.body().toString().contains(ACCOUNT_MESSAGE));
        } finally {
            bedrock.deleteEnforcedGuardrailConfiguration(r -> r.configId(configId));
        }
        assertTrue(
                bedrock.listEnforcedGuardrailsConfiguration(r -> {}).guardrailsConfig().isEmpty());
    }

    @Test
    void anOrganizationsEnforcedGuardrailIsShownAsAnotherAccountsAndCharged() {
        String name = "org-policy-" + UUID.randomUUID().toString().substring(0, 8);
        String orgGuardrail =
                bedrock.createGuardrail(
                                r ->
                                        r.name(name)
                                                .blockedInputMessaging(ORG_MESSAGE)
                                                .blockedOutputsMessaging(ORG_MESSAGE)
                                                .wordPolicyConfig(
                                                        w -> w.wordsConfig(c -> c.text("heron"))))
                        .guardrailId();
        bedrock.createGuardrailVersion(r -> r.guardrailIdentifier(orgGuardrail));
        Emulator.control().organizationGuardrail(orgGuardrail, "1", "amazon.nova-micro-v1:0");
        try {
            String caller = "org-enforced-" + UUID.randomUUID();
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
                                                    "Tell me about operation heron."))));
            assertEquals(200, result.status(), result.toString());
            JsonNode body = result.body();
            assertEquals(ORG_MESSAGE, body.path("reply").asText(), body.toString());
            JsonNode org = null;
            for (JsonNode a : body.at("/guardrail/trace/input")) {
                if (a.at("/appliedGuardrail/id").asText().equals(orgGuardrail)) {
                    org = a;
                }
            }
            assertEquals(
                    "[\"ORGANIZATION_ENFORCED\"]",
                    org.at("/appliedGuardrail/origin").toString(),
                    body.toString());
            // The guardrail lives in the organization's management account.
            assertEquals("CROSS_ACCOUNT", org.at("/appliedGuardrail/ownership").asText());
            assertTrue(org.at("/appliedGuardrail/arn").asText().contains(":210987654321:"));
            List<LedgerEntry> entries = ledger.day(caller, LocalDate.now(ZoneOffset.UTC));
            assertTrue(
                    entries.stream()
                            .anyMatch(
                                    e ->
                                            e.model().equals("guardrail:" + orgGuardrail)
                                                    && e.totals().inputTokens() == 1),
                    entries.toString());
        } finally {
            Emulator.control().clearOrganizationGuardrail();
        }
    }
}
