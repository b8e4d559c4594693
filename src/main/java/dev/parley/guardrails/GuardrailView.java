package dev.parley.guardrails;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.GuardrailTrace;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;

/**
 * The {@code guardrail} member of an answer the guardrail intervened in: Bedrock's action and,
 * when {@code parley.guardrails.trace} is on, the assessments ({@link GuardrailTrace}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardrailView(String action, JsonNode trace) {

    /** The view of a reply's outcome; null (left out of the JSON) when no guardrail intervened. */
    public static GuardrailView of(Optional<GuardrailOutcome> outcome) {
        return outcome.filter(GuardrailOutcome::intervened)
                .map(o -> new GuardrailView(o.action(), o.trace().orElse(null)))
                .orElse(null);
    }
}
