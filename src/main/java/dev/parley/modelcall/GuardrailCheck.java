package dev.parley.modelcall;

import java.util.List;

/**
 * The answer of one ApplyGuardrail call.
 *
 * @param intervened the guardrail blocked or masked the content
 * @param outputs what the guardrail returns instead (its blocked message, or the masked text); empty when it did nothing
 * @param usage the text units billed, for whoever counts guardrail checks
 */
public record GuardrailCheck(
        boolean intervened,
        String actionReason,
        List<String> outputs,
        List<GuardrailAssessment> assessments,
        GuardrailUsage usage) {

    public GuardrailCheck {
        outputs = List.copyOf(outputs);
        assessments = List.copyOf(assessments);
    }
}
