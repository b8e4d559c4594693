package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.modelcall.GuardrailUsage;
import org.junit.jupiter.api.Test;

/**
 * Bedrock's {@code GuardrailUsage}, built with the SDK's own builder, mapped with every unit it
 * reports: the text policies', the content filters' image units and the automated reasoning
 * checks' units and policies; the billed text units leave the free PII units and the image units out.
 */
class GuardrailUsageMappingTest {

    @Test
    void everyUnitBedrockReportsIsCarried() {
        GuardrailUsage usage =
                GuardrailAssessments.usage(
                        software.amazon.awssdk.services.bedrockruntime.model.GuardrailUsage
                                .builder()
                                .topicPolicyUnits(1)
                                .contentPolicyUnits(2)
                                .wordPolicyUnits(3)
                                .sensitiveInformationPolicyUnits(4)
                                .sensitiveInformationPolicyFreeUnits(5)
                                .contextualGroundingPolicyUnits(6)
                                .contentPolicyImageUnits(7)
                                .automatedReasoningPolicyUnits(8)
                                .automatedReasoningPolicies(2)
                                .build());
        assertEquals(new GuardrailUsage(1, 2, 3, 4, 5, 6, 7, 8, 2), usage);
        assertEquals(1 + 2 + 3 + 4 + 6 + 8, usage.billedTextUnits());
        assertEquals(1 + 2 + 3 + 4, usage.textPolicyUnits(), "priced at the guardrail's price");
    }

    @Test
    void anAnswerWithoutTheNewerUnitsCountsThemAsNone() {
        GuardrailUsage usage =
                GuardrailAssessments.usage(
                        software.amazon.awssdk.services.bedrockruntime.model.GuardrailUsage
                                .builder()
                                .topicPolicyUnits(1)
                                .contentPolicyUnits(1)
                                .wordPolicyUnits(0)
                                .sensitiveInformationPolicyUnits(0)
                                .sensitiveInformationPolicyFreeUnits(0)
                                .build());
        assertEquals(0, usage.contentPolicyImageUnits());
        assertEquals(0, usage.automatedReasoningPolicyUnits());
        assertEquals(2, usage.billedTextUnits());
        assertEquals(GuardrailUsage.NONE, GuardrailAssessments.usage(null));
    }
}
