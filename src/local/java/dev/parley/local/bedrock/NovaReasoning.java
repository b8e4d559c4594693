package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelFeatures;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Amazon Nova 2's opt-in reasoning, as Bedrock takes it in
 * {@code additionalModelRequestFields.reasoningConfig = {type: enabled | disabled,
 * maxReasoningEffort: low | medium | high}} (AWS's Nova 2 user guide, "Extended thinking"; off by
 * default, its text redacted as {@code [REDACTED]} but billed: "Reasoning capabilities"). A Nova
 * model without reasoning refuses the field with the wording quoted in inspect_ai#5301 (Nova Pro).
 * At {@code high} Nova takes no maxTokens (inspect_ai#3767/#3848, from AWS's rule); temperature and
 * topP are refused with it too. The wording of that refusal, and of a bad type or effort, is the
 * emulator's, in the quoted message's style.
 */
final class NovaReasoning {
    static final String MALFORMED =
            Thinking.PREFIX
                    + "Malformed input request: the provided reasoning config value is"
                    + " invalid, please reformat your input and try again.";
    static final String REDACTED = "[REDACTED]";
    private static final List<String> EFFORTS = List.of("low", "medium", "high");

    /** What each effort lets the emulator spend on its (redacted) reasoning, in tokens. */
    private static final Map<String, Integer> EFFORT_TOKENS =
            Map.of("low", 1024, "medium", 4096, "high", 16384);

    private NovaReasoning() {}

    /** Whether the request's reasoningConfig is Nova's to judge (Amazon models; others pass it to the model as is). */
    static boolean applies(JsonNode body, ModelCatalog.ModelSpec spec) {
        return spec.provider() == ModelCatalog.Provider.AMAZON_NOVA
                && body.path("additionalModelRequestFields").has("reasoningConfig");
    }

    /** Nova's rules for the request's reasoningConfig; the reasoning tokens it allows, empty when it is off. */
    static OptionalInt validate(JsonNode body, ModelCatalog.ModelSpec spec) {
        if (!applies(body, spec)) {
            return OptionalInt.empty();
        }
        JsonNode config = body.path("additionalModelRequestFields").path("reasoningConfig");
        if (spec.features().reasoning() != ModelFeatures.Reasoning.EFFORT || !config.isObject()) {
            throw BedrockFault.validation(MALFORMED);
        }
        String type = config.path("type").asText();
        if ("disabled".equals(type)) {
            return OptionalInt.empty();
        }
        String effort = config.path("maxReasoningEffort").asText();
        if (!"enabled".equals(type) || !EFFORTS.contains(effort)) {
            throw BedrockFault.validation(MALFORMED);
        }
        JsonNode inference = body.path("inferenceConfig");
        if (effort.equals("high")) {
            for (String field : List.of("maxTokens", "temperature", "topP")) {
                if (inference.hasNonNull(field)) {
                    throw BedrockFault.validation(
                            Thinking.PREFIX
                                    + "Malformed input request: inferenceConfig."
                                    + field
                                    + " must not be set when reasoningConfig.maxReasoningEffort is high, please reformat your"
                                    + " input and try again.");
                }
            }
        }
        return OptionalInt.of(EFFORT_TOKENS.get(effort));
    }
}
