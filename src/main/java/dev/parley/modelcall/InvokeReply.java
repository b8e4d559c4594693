package dev.parley.modelcall;

import java.util.Map;

/**
 * An Invoke Model answer: the model's native JSON, and the token counts and latency Bedrock
 * reports in the response headers (X-Amzn-Bedrock-Input-Token-Count, -Output-Token-Count,
 * -Invocation-Latency), since the body's shape is the model's own. {@code guardrailIntervened}:
 * the call's guardrail blocked or masked something (the body's {@code amazon-bedrock-guardrailAction}).
 * {@code guardrailUnits}: the units each guardrail of the call was billed for, by guardrail id
 * (from the body's {@code amazon-bedrock-trace}; empty without a guardrail).
 */
public record InvokeReply(
        String body,
        Usage usage,
        long latencyMs,
        boolean guardrailIntervened,
        Map<String, GuardrailUsage> guardrailUnits) {

    public InvokeReply {
        guardrailUnits = guardrailUnits == null ? Map.of() : Map.copyOf(guardrailUnits);
    }

    public InvokeReply(String body, Usage usage, long latencyMs) {
        this(body, usage, latencyMs, false, Map.of());
    }
}
