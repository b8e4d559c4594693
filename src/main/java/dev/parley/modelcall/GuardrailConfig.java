package dev.parley.modelcall;

/**
 * The Converse API's {@code guardrailConfig} ({@code GuardrailStreamConfiguration} on streams).
 *
 * @param trace ask Bedrock for the guardrail's assessments in the reply
 * @param asyncStream on streams, let text through while the guardrail checks it ({@code async}) rather than
 *        holding each chunk until it is checked ({@code sync}, Bedrock's default)
 */
public record GuardrailConfig(
        String identifier, String version, boolean trace, boolean asyncStream) {}
