package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelFeatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.OptionalInt;

/**
 * Anthropic's extended thinking as Bedrock passes it through
 * ({@code additionalModelRequestFields.thinking = {type: enabled, budget_tokens}}), and the rules
 * Claude enforces, in Anthropic's wording behind Bedrock's "The model returned the following
 * errors: " prefix. Quoted from public issue threads: the 1,024 minimum (LibreChat#8346), the
 * max_tokens rule (bella-openapi#428, octopus#100), temperature (one-hub#529) and the tool-loop
 * replay rule (opencode#3077). The top_p, top_k, forced tool choice and signature texts follow
 * Anthropic's documented rules; their exact wording is not quoted anywhere we could find.
 */
final class Thinking {
    static final String PREFIX = "The model returned the following errors: ";
    private static final String DOCS =
            "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    private Thinking() {}

    /** Effort levels of adaptive thinking (output_config.effort) and the thinking each one allows the emulator. */
    static final java.util.Map<String, Integer> EFFORT_TOKENS =
            java.util.Map.of(
                    "low", 1024, "medium", 4096, "high", 16384, "xhigh", 24576, "max", 32768);

    /** Converse's {@code outputConfig.effort} enum (botocore's OutputConfig: low, medium, high, xhigh, max). */
    static final java.util.List<String> EFFORTS =
            java.util.List.of("low", "medium", "high", "xhigh", "max");

    /**
     * The thinking a request enables on a model that thinks on request: a budget
     * ({@code thinking.type: enabled} with {@code budget_tokens}, Claude 3.7 to 4.6) or adaptive
     * thinking ({@code thinking.type: adaptive} with {@code output_config.effort}, Claude 4.6 and
     * later), as the tokens it may spend. Empty for a model that does not think on request.
     * Claude's refusals: a budget on a model that thinks adaptively only (Opus 4.7 and later, the
     * Claude 5 generation; wording quoted in memberjunction's UsesAdaptiveThinking notes), adaptive
     * thinking on a model that predates it (Bedrock's Adaptive thinking page says older models
     * "do not support" it; the tag-mismatch wording is Anthropic's validator style, not quoted).
     */
    static OptionalInt budget(JsonNode body, ModelCatalog.ModelSpec spec) {
        ModelFeatures.Reasoning reasoning = spec.features().reasoning();
        if (reasoning == ModelFeatures.Reasoning.EFFORT) {
            return NovaReasoning.validate(body, spec);
        }
        JsonNode fields = body.path("additionalModelRequestFields");
        JsonNode thinking = fields.path("thinking");
        String type = thinking.path("type").asText();
        if (!reasoning.takesBudget() && !reasoning.adaptive()) {
            return OptionalInt.empty();
        }
        if ("enabled".equals(type)) {
            if (!reasoning.takesBudget()) {
                throw BedrockFault.validation(
                        PREFIX
                                + "\"thinking.type.enabled\" is not supported for this model. Use"
                                + " \"thinking.type.adaptive\" and \"output_config.effort\" to control thinking behavior.");
            }
            JsonNode budget = thinking.get("budget_tokens");
            if (budget == null || !budget.canConvertToInt()) {
                throw BedrockFault.validation(
                        PREFIX + "thinking.enabled.budget_tokens: Field required");
            }
            return OptionalInt.of(budget.asInt());
        }
        if (reasoning == ModelFeatures.Reasoning.ADAPTIVE_ALWAYS) {
            return alwaysOn(body, type);
        }
        if ("adaptive".equals(type)) {
            if (!reasoning.adaptive()) {
                throw BedrockFault.validation(
                        PREFIX
                                + "thinking: Input tag 'adaptive' found using 'type' does not match"
                                + " any of the expected tags: 'disabled', 'enabled'");
            }
            // Converse's own outputConfig.effort, or Anthropic's output_config.effort passed
            // through.
            String effort =
                    body.path("outputConfig")
                            .path("effort")
                            .asText(fields.path("output_config").path("effort").asText("high"));
            Integer tokens = EFFORT_TOKENS.get(effort);
            if (tokens == null || (effort.equals("xhigh") && !reasoning.takesXhigh())) {
                throw BedrockFault.validation(
                        PREFIX
                                + "output_config.effort: Input should be 'low', 'medium', 'high'"
                                + " or 'max'");
            }
            return OptionalInt.of(tokens);
        }
        return OptionalInt.empty();
    }

    /**
     * A model whose adaptive thinking is always on (Opus 5.5's model card: "always on and cannot be
     * disabled"): it thinks on every answer, at the effort asked or its default (medium, the card's),
     * and refuses {@code thinking.type: disabled}. The refusal's wording follows Claude's for a budget
     * on an adaptive-only model; no public quote of it was found.
     */
    private static OptionalInt alwaysOn(JsonNode body, String type) {
        if ("disabled".equals(type)) {
            throw BedrockFault.validation(
                    PREFIX
                            + "\"thinking.type.disabled\" is not supported for this model. Adaptive"
                            + " thinking is always on; use \"output_config.effort\" to control"
                            + " thinking behavior.");
        }
        String effort =
                body.path("outputConfig")
                        .path("effort")
                        .asText(
                                body.path("additionalModelRequestFields")
                                        .path("output_config")
                                        .path("effort")
                                        .asText("medium"));
        Integer tokens = EFFORT_TOKENS.get(effort);
        if (tokens == null) {
            throw BedrockFault.validation(
                    PREFIX
                            + "output_config.effort: Input should be 'low', 'medium', 'high',"
                            + " 'xhigh' or 'max'");
        }
        return OptionalInt.of(tokens);
    }

    /** Whether the request leaves the model thinking: adaptive thinking asked, or always on. */
    private static boolean thinkingOn(JsonNode body, ModelCatalog.ModelSpec spec) {
        return spec.features().reasoning() == ModelFeatures.Reasoning.ADAPTIVE_ALWAYS
                || "adaptive"
                        .equals(
                                body.path("additionalModelRequestFields")
                                        .path("thinking")
                                        .path("type")
                                        .asText());
    }

    /**
     * Converse's {@code outputConfig.effort}: one of Bedrock's five levels (the framework's enum
     * check), on a model that takes an effort (the adaptive Claude models; others get Bedrock's
     * unsupported-field refusal, in the style of its toolChoice one), and above {@code high} only
     * with thinking on (botocore's OutputConfig doc: "When extended thinking is disabled, the effort
     * level is capped at high"). {@code xhigh} only on the models that list it (Opus 4.7 and later,
     * the Claude 5 generation), in Anthropic's words as for {@code output_config.effort}.
     */
    static void checkEffort(JsonNode body, ModelCatalog.ModelSpec spec) {
        JsonNode effort = body.path("outputConfig").get("effort");
        if (effort == null) {
            return;
        }
        if (!effort.isTextual() || !EFFORTS.contains(effort.asText())) {
            throw BedrockFault.validation(
                    "1 validation error detected: Value '"
                            + effort.asText()
                            + "' at"
                            + " 'outputConfig.effort' failed to satisfy constraint: Member must satisfy enum value set: ["
                            + String.join(", ", EFFORTS)
                            + "]");
        }
        if (!spec.features().reasoning().adaptive()) {
            throw BedrockFault.validation(
                    "This model doesn't support the outputConfig.effort field. Remove"
                            + " outputConfig.effort and try again.");
        }
        String level = effort.asText();
        if ((level.equals("xhigh") || level.equals("max")) && !thinkingOn(body, spec)) {
            throw BedrockFault.validation(
                    "When extended thinking is disabled, the effort level is capped at high."
                            + " Use effort high or below, or enable thinking to use higher effort levels.");
        }
    }

    /** Every rule of a thinking request, and the signatures of replayed thinking blocks. */
    static void validate(JsonNode body, ModelCatalog.ModelSpec spec, int maxTokens) {
        if (spec.provider() == ModelCatalog.Provider.ANTHROPIC) {
            checkSignatures(body.path("messages"));
        }
        checkEffort(body, spec);
        if (NovaReasoning.applies(body, spec)
                || spec.features().reasoning() == ModelFeatures.Reasoning.EFFORT) {
            NovaReasoning.validate(body, spec); // Nova's own rules, none of Claude's
            return;
        }
        OptionalInt budget = budget(body, spec);
        if (budget.isEmpty()) {
            return;
        }
        boolean adaptive = thinkingOn(body, spec);
        if (!adaptive && budget.getAsInt() < 1024) {
            throw BedrockFault.validation(
                    PREFIX
                            + "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }
        if (!adaptive && maxTokens <= budget.getAsInt()) {
            throw BedrockFault.validation(
                    PREFIX
                            + "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult"
                            + " our documentation at "
                            + DOCS
                            + "#max-tokens-and-context-window-size");
        }
        JsonNode inference = body.path("inferenceConfig");
        if (inference.hasNonNull("temperature") && inference.get("temperature").asDouble() != 1.0) {
            throw BedrockFault.validation(
                    PREFIX
                            + "`temperature` may only be set to 1 when thinking is enabled. Please"
                            + " consult our documentation at "
                            + DOCS
                            + "#important-considerations-when-using-extended-thinking");
        }
        if (inference.hasNonNull("topP") && inference.get("topP").asDouble() < 0.95) {
            throw BedrockFault.validation(
                    PREFIX
                            + "`top_p` must be unset or between 0.95 and 1 when thinking is enabled."
                            + " Please consult our documentation at "
                            + DOCS);
        }
        if (body.path("additionalModelRequestFields").has("top_k")) {
            throw BedrockFault.validation(
                    PREFIX
                            + "`top_k` must be unset when thinking is enabled. Please consult our"
                            + " documentation at "
                            + DOCS);
        }
        JsonNode choice = body.path("toolConfig").path("toolChoice");
        if (choice.has("any") || choice.has("tool")) {
            throw BedrockFault.validation(
                    PREFIX + "Thinking may not be enabled when tool_choice forces tool use.");
        }
        checkReplay(body.path("messages"));
    }

    /**
     * Models that take only default sampling (Opus 4.7 and later, the Claude 5 generation) refuse
     * temperature, top_p and top_k, whatever their value. Bedrock passes Anthropic's error on as
     * JSON (tinovyatkin/amazon-bedrock-copilot-chat#546, RooCodeInc/Roo-Code#12162).
     */
    static void checkDefaultSampling(
            boolean temperature, boolean topP, boolean topK, ModelCatalog.ModelSpec spec) {
        if (!spec.features().defaultSamplingOnly()) {
            return;
        }
        String parameter = temperature ? "temperature" : topP ? "top_p" : topK ? "top_k" : null;
        if (parameter != null) {
            throw BedrockFault.validation(
                    PREFIX
                            + "{\"type\":\"error\",\"request_id\":\"req_emulator"
                            + Long.toHexString(System.nanoTime())
                            + "\",\"error\":{\"type\":\"invalid_request_error\","
                            + "\"message\":\"`"
                            + parameter
                            + "` is deprecated for this model.\"}}");
        }
    }

    /**
     * Inside a tool loop (the conversation ends with tool results), the assistant turn that asked
     * for the tools must start with its thinking block, sent back as it came.
     */
    private static void checkReplay(JsonNode messages) {
        int last = messages.size() - 1;
        if (last < 1
                || !hasBlock(messages.get(last), "toolResult")
                || !hasBlock(messages.get(last - 1), "toolUse")) {
            return;
        }
        JsonNode first = messages.get(last - 1).path("content").path(0);
        if (!first.has("reasoningContent")) {
            String found = first.has("toolUse") ? "tool_use" : "text";
            throw BedrockFault.validation(
                    PREFIX
                            + "messages."
                            + (last - 1)
                            + ".content.0.type: Expected `thinking` or"
                            + " `redacted_thinking`, but found `"
                            + found
                            + "`. When `thinking` is enabled, a final `assistant`"
                            + " message must start with a thinking block (preceeding the lastmost set of `tool_use` and"
                            + " `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this"
                            + " requirement, disable `thinking`. Please consult our documentation at "
                            + DOCS);
        }
    }

    /** Claude signs its thinking; a block whose text or signature was changed is refused. */
    private static void checkSignatures(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                JsonNode text = content.get(j).path("reasoningContent").path("reasoningText");
                if (!text.isMissingNode()
                        && !sign(text.path("text").asText())
                                .equals(text.path("signature").asText())) {
                    throw BedrockFault.validation(
                            PREFIX
                                    + "messages."
                                    + i
                                    + ".content."
                                    + j
                                    + ": Invalid `signature` in `thinking` block");
                }
            }
        }
    }

    private static boolean hasBlock(JsonNode message, String type) {
        for (JsonNode block : message.path("content")) {
            if (block.has(type)) {
                return true;
            }
        }
        return false;
    }

    /** The emulator's signature of a thinking text: opaque to clients, checkable when it comes back. */
    static String sign(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    ("parley-emulator-thinking\n" + text)
                                            .getBytes(StandardCharsets.UTF_8));
            return "EmU" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
