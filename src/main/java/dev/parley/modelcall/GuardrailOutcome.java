package dev.parley.modelcall;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a guardrail did to a call: {@code action} is Bedrock's ({@code INTERVENED} or {@code NONE});
 * {@code trace} is the guardrail trace as JSON, present when the call asked for it.
 */
public record GuardrailOutcome(String action, Optional<JsonNode> trace) {

    public boolean intervened() {
        return "INTERVENED".equals(action);
    }
}
