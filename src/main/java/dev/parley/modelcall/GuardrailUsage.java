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
     * Every billed text unit: the text policies' units (the free PII units left out), the
     * contextual grounding check's and the automated reasoning checks'. Image units are billed per
     * image, apart (not counted here).
     */
    public int billedTextUnits() {
        return textPolicyUnits() + contextualGroundingPolicyUnits + automatedReasoningPolicyUnits;
    }

    /**
     * The text units of the content filters, denied topics, word filters and the paid part of the
     * sensitive information filters: the units priced at the guardrail's own price. The contextual
     * grounding check, the automated reasoning checks and images are priced apart.
     */
    public int textPolicyUnits() {
        return topicPolicyUnits
                + contentPolicyUnits
                + wordPolicyUnits
                + sensitiveInformationPolicyUnits;
    }

    /** The sum of two usages: a call's guardrail assesses its input and its output apart. */
    public GuardrailUsage plus(GuardrailUsage other) {
        return new GuardrailUsage(
                topicPolicyUnits + other.topicPolicyUnits,
                contentPolicyUnits + other.contentPolicyUnits,
                wordPolicyUnits + other.wordPolicyUnits,
                sensitiveInformationPolicyUnits + other.sensitiveInformationPolicyUnits,
                sensitiveInformationPolicyFreeUnits + other.sensitiveInformationPolicyFreeUnits,
                contextualGroundingPolicyUnits + other.contextualGroundingPolicyUnits,
                contentPolicyImageUnits + other.contentPolicyImageUnits,
                automatedReasoningPolicyUnits + other.automatedReasoningPolicyUnits,
                Math.max(automatedReasoningPolicies, other.automatedReasoningPolicies));
    }
}
