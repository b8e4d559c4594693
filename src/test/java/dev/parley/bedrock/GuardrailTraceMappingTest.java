package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.GuardrailAssessment.AppliedGuardrail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.AppliedGuardrailDetails;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningInvalidFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningLogicWarning;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningPolicyAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningRule;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningStatement;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningTooComplexFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningTranslation;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningValidFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingPolicyAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/**
 * The guardrail trace's newer findings, built with the SDK's own builders (the shapes Bedrock
 * sends), mapped into Parley's trace: contextual grounding scores against thresholds, automated
 * reasoning results with their rule ids (never the translated claims) and the guardrail that made
 * each assessment, the request's own or one the account or organization enforces.
 */
class GuardrailTraceMappingTest {

    @Test
    void contextualGroundingScoresThresholdsAndActionsAreShown() {
        GuardrailAssessment output =
                GuardrailAssessment.builder()
                        .contextualGroundingPolicy(
                                GuardrailContextualGroundingPolicyAssessment.builder()
                                        .filters(
                                                GuardrailContextualGroundingFilter.builder()
                                                        .type("GROUNDING")
                                                        .threshold(0.7)
                                                        .score(0.21)
                                                        .action("BLOCKED")
                                                        .detected(true)
                                                        .build(),
                                                GuardrailContextualGroundingFilter.builder()
                                                        .type("RELEVANCE")
                                                        .threshold(0.5)
                                                        .score(0.93)
                                                        .action("NONE")
                                                        .detected(false)
                                                        .build())
                                        .build())
                        .build();
        JsonNode trace = trace(GuardrailAssessment.builder().build(), output);
        JsonNode filters = trace.at("/output/0/contextualGrounding");
        assertEquals(2, filters.size(), trace.toString());
        assertEquals("GROUNDING", filters.get(0).path("type").asText());
        assertEquals(0.7, filters.get(0).path("threshold").asDouble());
        assertEquals(0.21, filters.get(0).path("score").asDouble());
        assertEquals("BLOCKED", filters.get(0).path("action").asText());
        assertTrue(filters.get(0).path("detected").asBoolean());
        assertEquals("RELEVANCE", filters.get(1).path("type").asText());
        assertEquals("NONE", filters.get(1).path("action").asText());
        // An input assessment that found nothing stays an empty object: the shape is additive.
        assertEquals("{}", trace.at("/input/0").toString());
    }

    @Test
    void automatedReasoningFindingsCarryResultConfidenceAndRulesButNotTheClaims() {
        GuardrailAutomatedReasoningTranslation translation =
                GuardrailAutomatedReasoningTranslation.builder()
                        .confidence(0.92)
                        .claims(
                                GuardrailAutomatedReasoningStatement.builder()
                                        .naturalLanguage("Alice may take 30 days of leave")
                                        .logic("(= leaveDays 30)")
                                        .build())
                        .build();
        GuardrailAssessment output =
                GuardrailAssessment.builder()
                        .automatedReasoningPolicy(
                                GuardrailAutomatedReasoningPolicyAssessment.builder()
                                        .findings(
                                                GuardrailAutomatedReasoningFinding.fromInvalid(
                                                        GuardrailAutomatedReasoningInvalidFinding
                                                                .builder()
                                                                .translation(translation)
                                                                .contradictingRules(
                                                                        GuardrailAutomatedReasoningRule
                                                                                .builder()
                                                                                .identifier(
                                                                                        "LEAVE_MAX_20")
                                                                                .build())
                                                                .build()),
                                                GuardrailAutomatedReasoningFinding.fromValid(
                                                        GuardrailAutomatedReasoningValidFinding
                                                                .builder()
                                                                .translation(translation)
                                                                .supportingRules(
                                                                        GuardrailAutomatedReasoningRule
                                                                                .builder()
                                                                                .identifier(
                                                                                        "LEAVE_FULL_TIME")
                                                                                .build())
                                                                .logicWarning(
                                                                        GuardrailAutomatedReasoningLogicWarning
                                                                                .builder()
                                                                                .type("ALWAYS_TRUE")
                                                                                .build())
                                                                .build()),
                                                GuardrailAutomatedReasoningFinding.fromTooComplex(
                                                        GuardrailAutomatedReasoningTooComplexFinding
                                                                .builder()
                                                                .build()))
                                        .build())
                        .build();
        JsonNode trace = trace(GuardrailAssessment.builder().build(), output);
        JsonNode findings = trace.at("/output/0/automatedReasoning");
        assertEquals(3, findings.size(), trace.toString());
        assertEquals("INVALID", findings.get(0).path("result").asText());
        assertEquals(0.92, findings.get(0).path("confidence").asDouble());
        assertEquals("[\"LEAVE_MAX_20\"]", findings.get(0).path("rules").toString());
        assertEquals("VALID", findings.get(1).path("result").asText());
        assertEquals("ALWAYS_TRUE", findings.get(1).path("logicWarning").asText());
        assertEquals("{\"result\":\"TOO_COMPLEX\"}", findings.get(2).toString());
        assertFalse(trace.toString().contains("Alice"), "the translated claims stay out");
        assertFalse(trace.toString().contains("leaveDays"), trace.toString());
    }

    @Test
    void anAccountEnforcedGuardrailIsNamedWithItsOriginAndOwnership() {
        GuardrailAssessment own =
                GuardrailAssessment.builder()
                        .appliedGuardrailDetails(
                                AppliedGuardrailDetails.builder()
                                        .guardrailId("ownguard1")
                                        .guardrailVersion("3")
                                        .guardrailArn(
                                                "arn:aws:bedrock:us-east-1:123456789012:guardrail/ownguard1")
                                        .guardrailOriginWithStrings("REQUEST")
                                        .guardrailOwnership("SELF")
                                        .build())
                        .build();
        GuardrailAssessment enforced =
                GuardrailAssessment.builder()
                        .appliedGuardrailDetails(
                                AppliedGuardrailDetails.builder()
                                        .guardrailId("orgguard9")
                                        .guardrailVersion("1")
                                        .guardrailArn(
                                                "arn:aws:bedrock:us-east-1:210987654321:guardrail/orgguard9")
                                        .guardrailOriginWithStrings(
                                                "ACCOUNT_ENFORCED", "ORGANIZATION_ENFORCED")
                                        .guardrailOwnership("CROSS_ACCOUNT")
                                        .build())
                        .build();
        GuardrailTraceAssessment sdk =
                GuardrailTraceAssessment.builder()
                        .inputAssessment(Map.of("ownguard1", own, "orgguard9", enforced))
                        .build();
        JsonNode input = GuardrailAssessments.traceJson(sdk).orElseThrow().path("input");
        assertEquals(2, input.size(), input.toString());
        JsonNode org = null;
        for (JsonNode assessment : input) {
            if ("orgguard9".equals(assessment.at("/appliedGuardrail/id").asText())) {
                org = assessment.path("appliedGuardrail");
            }
        }
        assertEquals(
                "[\"ACCOUNT_ENFORCED\",\"ORGANIZATION_ENFORCED\"]",
                org.path("origin").toString(),
                input.toString());
        assertEquals("CROSS_ACCOUNT", org.path("ownership").asText());
        assertEquals("1", org.path("version").asText());
        assertTrue(
                new AppliedGuardrail("g", "1", null, List.of("ORGANIZATION_ENFORCED"), "SELF")
                        .enforced());
        assertFalse(new AppliedGuardrail("g", "1", null, List.of("REQUEST"), "SELF").enforced());
    }

    private static JsonNode trace(GuardrailAssessment input, GuardrailAssessment output) {
        return GuardrailAssessments.traceJson(
                        GuardrailTraceAssessment.builder()
                                .inputAssessment(Map.of("g1", input))
                                .outputAssessments(Map.of("g1", List.of(output)))
                                .build())
                .orElseThrow();
    }
}
