package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code thinking} as the call's reasoning budget. {@code enabled} with {@code budget_tokens}
 * asks for that budget (Anthropic's rules: at least 1,024 and below {@code max_tokens});
 * {@code adaptive} asks for the effort in {@code output_config.effort} (default high), which
 * {@code ConverseMapper} sends as adaptive thinking on the models that think adaptively and as a
 * budget on the others; {@code disabled} or none asks for nothing. On a model that cannot think on
 * request (Nova, Llama, ...) or always reasons (DeepSeek R1), thinking is accepted and ignored,
 * with a warning, so a client that always asks for it (Claude Code) keeps working with any model.
 */
final class Thinking {

    private Thinking() {
    }

    /**
     * @param askedMax {@code max_tokens} as the client sent it (Anthropic's rules are checked against it)
     * @param maxTokens what the call will ask for (lowered to the model's limit); the budget stays below it
     */
    static Optional<Integer> budget(JsonNode body, ModelSpec model, Optional<Integer> askedMax,
            Optional<Integer> maxTokens, List<String> warnings) {
        Optional<JsonNode> thinking = Fields.present(body, "thinking");
        if (thinking.isEmpty()) {
            return Optional.empty();
        }
        if (!thinking.get().isObject()) {
            throw Fields.wrongType("thinking", "a valid dictionary", thinking.get());
        }
        String type = Fields.requiredString(thinking.get(), "type", "thinking");
        final int budget;
        switch (type) {
            case "disabled" -> {
                return Optional.empty();
            }
            case "enabled" -> {
                budget = Fields.integer(thinking.get(), "budget_tokens", "thinking", 0)
                        .orElseThrow(() -> Fields.missing("thinking.budget_tokens"));
                if (budget < MessagesRequest.MIN_BUDGET) {
                    throw AnthropicException.invalid("thinking.budget_tokens", "Input should be greater than or equal to "
                            + MessagesRequest.MIN_BUDGET);
                }
                if (askedMax.isPresent() && askedMax.get() <= budget) {
                    throw AnthropicException.invalid("", "`max_tokens` must be greater than `thinking.budget_tokens`");
                }
            }
            case "adaptive" -> {
                String effort = Fields.present(body, "output_config")
                        .flatMap(config -> Fields.string(config, "effort", "output_config")).orElse("high");
                Integer tokens = MessagesRequest.EFFORT_BUDGETS.get(effort);
                if (tokens == null) {
                    throw AnthropicException.invalid("output_config.effort", "Input should be 'low', 'medium', 'high'"
                            + " or 'max'");
                }
                budget = tokens;
            }
            default -> throw AnthropicException.invalid("thinking.type", "Input should be 'enabled', 'adaptive' or"
                    + " 'disabled'");
        }
        if (!model.capabilities().thinkingBudget()) {
            warnings.add("thinking ignored: " + model.alias() + " does not think on request");
            return Optional.empty();
        }
        int fitted = maxTokens.map(max -> Math.min(budget, max - 1)).orElse(budget);
        if (fitted < MessagesRequest.MIN_BUDGET) {
            throw AnthropicException.invalid("max_tokens", "thinking needs more than " + MessagesRequest.MIN_BUDGET
                    + " output tokens; raise max_tokens or disable thinking");
        }
        return Optional.of(fitted);
    }
}
