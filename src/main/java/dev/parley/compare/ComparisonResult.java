package dev.parley.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.ErrorResponses;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One model's outcome in a comparison: either {@code reply} or {@code error} is set; {@code reasoning}
 * when the model reasoned.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComparisonResult(
        String model,
        String modelId,
        String reply,
        String reasoning,
        String stopReason,
        Usage usage,
        Long latencyMs,
        ErrorResponses.Detail error,
        GuardrailView guardrail,
        Boolean cached,
        String serviceTier) {

    @RegisterForReflection
    public record Comparison(List<ComparisonResult> results) {}
}
