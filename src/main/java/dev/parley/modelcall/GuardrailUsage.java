package dev.parley.modelcall;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Units an ApplyGuardrail call was billed for, per policy (Bedrock's {@code GuardrailUsage}): text
 * units per policy, image units of the content filters ({@code contentPolicyImageUnits}), and the
 * automated reasoning checks' units and number of policies.
 */
@RegisterForReflection
public record GuardrailUsage(
        int topicPolicyUnits,
        int contentPolicyUnits,
        int wordPolicyUnits,
        int sensitiveInformationPolicyUnits,
        int sensitiveInformationPolicyFreeUnits,
        int contextualGroundingPolicyUnits,
        int contentPolicyImageUnits,
        int automatedReasoningPolicyUnits,
        int automatedReasoningPolicies) {

    public static final GuardrailUsage NONE = new GuardrailUsage(0, 0, 0, 0, 0, 0);

    public GuardrailUsage(
            int topicPolicyUnits,
            int contentPolicyUnits,
            int wordPolicyUnits,
            int sensitiveInformationPolicyUnits,
            int sensitiveInformationPolicyFreeUnits,
            int contextualGroundingPolicyUnits) {
        this(
                topicPolicyUnits,
                contentPolicyUnits,
                wordPolicyUnits,
                sensitiveInformationPolicyUnits,
                sensitiveInformationPolicyFreeUnits,
                contextualGroundingPolicyUnits,
                0,
                0,
                0);
    }

    /**
     * The billed text units: every text policy's units (the free PII units left out) and the
     * automated reasoning checks' units. Image units are billed per image, apart (not counted here).
     */
    public int billedTextUnits() {
        return topicPolicyUnits
                + contentPolicyUnits
                + wordPolicyUnits
                + sensitiveInformationPolicyUnits
                + contextualGroundingPolicyUnits
                + automatedReasoningPolicyUnits;
    }
}
