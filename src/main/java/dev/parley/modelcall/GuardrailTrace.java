package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The guardrail trace of a model call: the input assessments, the output assessments, Bedrock's reason. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardrailTrace(
        List<GuardrailAssessment> input, List<GuardrailAssessment> output, String actionReason) {

    public GuardrailTrace {
        input = List.copyOf(input);
        output = List.copyOf(output);
    }
}
