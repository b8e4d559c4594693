package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;

/**
 * Automated Reasoning checks on the emulator, through the real SDK clients: a policy created with
 * CreateAutomatedReasoningPolicy, a guardrail naming it (an ARN that names no policy is refused),
 * and ApplyGuardrail on output returning Bedrock's findings (VALID with the supporting rule,
 * INVALID with the contradicting one, NO_TRANSLATIONS) and the checks' units, never blocking.
 */
class AutomatedReasoningPolicyTest extends EmulatorTestSupport {

    static BedrockClient bedrock;
    static String policyArn;
    static String guardrail;

    static BedrockClient controlPlane() {
        return BedrockClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("test", "test")))
                .endpointOverride(emulator.endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A policy of one fact: {@code (= max_leave_days 20)}, rule {@code LEAVE1}. */
    static String createLeavePolicy(BedrockClient bedrock, String name) {
        return bedrock.createAutomatedReasoningPolicy(
                        r ->
                                r.name(name)
                                        .policyDefinition(
                                                d ->
                                                        d.variables(
                                                                        v ->
                                                                                v.name(
                                                                                                "max_leave_days")
                                                                                        .type("INT")
                                                                                        .description(
                                                                                                "Days of paid leave a year"))
                                                                .rules(
                                                                        rule ->
                                                                                rule.id("LEAVE1")
                                                                                        .expression(
                                                                                                "(= max_leave_days 20)"))))
                .policyArn();
    }

    @BeforeAll
    static void createPolicyAndGuardrail() {
        bedrock = controlPlane();
        policyArn = createLeavePolicy(bedrock, "leave-policy");
        guardrail =
                bedrock.createGuardrail(
                                r ->
                                        r.name("reasoned")
                                                .blockedInputMessaging("No.")
                                                .blockedOutputsMessaging("No.")
                                                .automatedReasoningPolicyConfig(
                                                        a ->
                                                                a.policies(policyArn)
                                                                        .confidenceThreshold(1.0)))
                        .guardrailId();
    }

    @AfterAll
    static void closeClient() {
        bedrock.close();
    }

    private static ApplyGuardrailResponse check(String answer) {
        return client.applyGuardrail(
                r ->
                        r.guardrailIdentifier(guardrail)
                                .guardrailVersion("DRAFT")
                                .source(GuardrailContentSource.OUTPUT)
                                .content(GuardrailContentBlock.fromText(t -> t.text(answer))));
    }

    private static GuardrailAutomatedReasoningFinding finding(ApplyGuardrailResponse response) {
        List<GuardrailAutomatedReasoningFinding> findings =
                response.assessments().get(0).automatedReasoningPolicy().findings();
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void aClaimTheRuleFixesIsValidAndOneItContradictsIsInvalid() {
        ApplyGuardrailResponse valid = check("Every employee gets max leave days of 20 a year.");
        assertEquals(GuardrailAction.NONE, valid.action(), "findings never block");
        GuardrailAutomatedReasoningFinding finding = finding(valid);
        assertNotNull(finding.valid(), finding.toString());
        assertEquals("LEAVE1", finding.valid().supportingRules().get(0).identifier());
        assertEquals(1.0, finding.valid().translation().confidence());
        assertEquals(1, valid.usage().automatedReasoningPolicyUnits());
        assertEquals(1, valid.usage().automatedReasoningPolicies());

        GuardrailAutomatedReasoningFinding invalid =
                finding(check("The max leave days are 30, so take a month off."));
        assertNotNull(invalid.invalid(), invalid.toString());
        assertEquals("LEAVE1", invalid.invalid().contradictingRules().get(0).identifier());
        assertEquals(policyArn, invalid.invalid().contradictingRules().get(0).policyVersionArn());
    }

    @Test
    void textNamingNoVariableHasNoTranslationsAndInputIsNotChecked() {
        assertNotNull(finding(check("The weather is fine today.")).noTranslations());
        ApplyGuardrailResponse input =
                client.applyGuardrail(
                        r ->
                                r.guardrailIdentifier(guardrail)
                                        .guardrailVersion("DRAFT")
                                        .source(GuardrailContentSource.INPUT)
                                        .content(
                                                GuardrailContentBlock.fromText(
                                                        t -> t.text("max leave days of 30?"))));
        assertEquals(null, input.assessments().get(0).automatedReasoningPolicy());
        assertEquals(null, input.usage().automatedReasoningPolicyUnits(), "not run");
    }

    @Test
    void aPolicyArnThatNamesNoPolicyIsRefused() {
        ResourceNotFoundException refused =
                assertThrows(
                        ResourceNotFoundException.class,
                        () ->
                                bedrock.createGuardrail(
                                        r ->
                                                r.name("unknown-policy")
                                                        .blockedInputMessaging("No.")
                                                        .blockedOutputsMessaging("No.")
                                                        .automatedReasoningPolicyConfig(
                                                                a ->
                                                                        a.policies(
                                                                                policyArn
                                                                                        .replaceAll(
                                                                                                "/[a-z0-9]+$",
                                                                                                "/nosuchpolicy1")))));
        assertTrue(refused.getMessage().contains("nosuchpolicy1"), refused.getMessage());
    }
}
