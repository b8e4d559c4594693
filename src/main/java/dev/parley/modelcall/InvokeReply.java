package dev.parley.modelcall;

/**
 * An Invoke Model answer: the model's native JSON, and the token counts and latency Bedrock
 * reports in the response headers (X-Amzn-Bedrock-Input-Token-Count, -Output-Token-Count,
 * -Invocation-Latency), since the body's shape is the model's own. {@code guardrailIntervened}:
 * the call's guardrail blocked or masked something (the body's {@code amazon-bedrock-guardrailAction}).
 */
public record InvokeReply(String body, Usage usage, long latencyMs, boolean guardrailIntervened) {

    public InvokeReply(String body, Usage usage, long latencyMs) {
        this(body, usage, latencyMs, false);
    }
}
