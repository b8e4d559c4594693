package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.capabilities.ReasoningPolicy;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ReasoningAsk;
import java.util.List;
import java.util.Optional;

/**
 * {@code thinking} as the call's reasoning ask. {@code enabled} with {@code budget_tokens} asks
 * for that budget (Anthropic's own request rules, checked here in Anthropic's words: at least
 * 1,024 and below {@code max_tokens}); {@code adaptive} asks for the effort in
 * {@code output_config.effort} (default high); {@code disabled} or none asks for nothing. The
 * capability stage's reasoning policy turns the ask into what the model takes. On a model that
 * cannot think on request (Nova, Llama, ...) or always reasons (DeepSeek R1), thinking is accepted
 * and ignored, with a warning, so a client that always asks for it (Claude Code) keeps working
 * with any model.
 */
final class Thinking {
    /** Anthropic's effort levels ({@code output_config.effort}). */
    private static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh", "max");

    /** The reasoning policy's refusals name these fields. */
    private static final ReasoningPolicy.ParamNames PARAMS =
            new ReasoningPolicy.ParamNames(
                    "thinking", "temperature", "top_p", "max_tokens", "tool_choice");

    private Thinking() {}

    /**
     * @param askedMax {@code max_tokens} as the client sent it (Anthropic's rules are checked against it)
     * @param maxTokens what the call will ask for (lowered to the model's limit); a budget stays below it
     */
    static Optional<ReasoningAsk> ask(
            JsonNode body,
            ModelSpec model,
            Optional<Integer> askedMax,
            Optional<Integer> maxTokens,
            List<String> warnings) {
        Optional<JsonNode> thinking = Fields.present(body, "thinking");
        if (thinking.isEmpty()) {
            return Optional.empty();
        }
        Fields.object(thinking.get(), "thinking");
        String type = Fields.requiredString(thinking.get(), "type", "thinking");
        final ReasoningAsk ask;
        switch (type) {
            case "disabled" -> {
                if (model.capabilities().reasoningMode()
                        == ModelFeatures.Reasoning.ADAPTIVE_ALWAYS) {
                    // Bedrock refuses it: this model's adaptive thinking cannot be turned off.
                    throw AnthropicException.invalid(
                            "thinking.type",
                            "thinking cannot be disabled on "
                                    + model.alias()
                                    + ": its adaptive thinking is always on; use"
                                    + " output_config.effort to control it");
                }
                return Optional.empty();
            }
            case "enabled" -> {
                int budget =
                        Fields.integer(thinking.get(), "budget_tokens", "thinking", 0)
                                .orElseThrow(() -> Fields.missing("thinking.budget_tokens"));
                if (budget < ReasoningPolicy.MIN_BUDGET) {
                    throw AnthropicException.invalid(
                            "thinking.budget_tokens",
                            "Input should be greater than or equal to "
                                    + ReasoningPolicy.MIN_BUDGET);
                }
                if (askedMax.isPresent() && askedMax.get() <= budget) {
                    throw AnthropicException.invalid(
                            "", "`max_tokens` must be greater than `thinking.budget_tokens`");
                }
                // max_tokens lowered to the model's limit takes the budget down with it (Claude
                // Code asks
                // for its own model's limits whatever model serves it).
                ask =
                        new ReasoningAsk.Budget(
                                maxTokens
                                        .filter(max -> max <= budget)
                                        .map(max -> max - 1)
                                        .orElse(budget));
            }
            case "adaptive" -> {
                String effort =
                        Fields.present(body, "output_config")
                                .flatMap(config -> Fields.string(config, "effort", "output_config"))
                                .orElse("high");
                if (!EFFORTS.contains(effort)) {
                    throw AnthropicException.invalid(
                            "output_config.effort",
                            "Input should be 'low', 'medium', 'high'," + " 'xhigh' or 'max'");
                }
                ask = new ReasoningAsk.Effort(effort);
            }
            default ->
                    throw AnthropicException.invalid(
                            "thinking.type",
                            "Input should be 'enabled', 'adaptive' or" + " 'disabled'");
        }
        if (!ReasoningPolicy.thinksOnRequest(model)) {
            warnings.add("thinking ignored: " + model.alias() + " does not think on request");
            return Optional.empty();
        }
        return Optional.of(ask);
    }

    /** The reasoning policy's refusals, in Anthropic's error shape with Anthropic's field names. */
    static ModelCall checked(ModelCall call) {
        return ReasoningPolicy.requireAllowed(call, PARAMS);
    }
}
