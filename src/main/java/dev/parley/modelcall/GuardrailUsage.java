package dev.parley.modelcall;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Text units an ApplyGuardrail call was billed for, per policy (Bedrock's {@code GuardrailUsage}). */
@RegisterForReflection
public record GuardrailUsage(int topicPolicyUnits, int contentPolicyUnits, int wordPolicyUnits,
        int sensitiveInformationPolicyUnits, int sensitiveInformationPolicyFreeUnits, int contextualGroundingPolicyUnits) {

    public static final GuardrailUsage NONE = new GuardrailUsage(0, 0, 0, 0, 0, 0);
}
