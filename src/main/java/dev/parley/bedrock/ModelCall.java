package dev.parley.bedrock;

import java.util.List;
import java.util.Optional;

/**
 * Everything one Converse call needs, in Parley's terms.
 *
 * @param reasoningBudget extended thinking asked for, in tokens (models whose catalog entry says they can think)
 * @param guardrail the guardrail Bedrock applies to this call; set by the pipeline, never by a route
 * @param cachePoints where prompt-cache points go; set by the pipeline's prompt-caching stage
 */
public record ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference,
        Optional<ToolOptions> tools, Optional<Integer> reasoningBudget, Optional<GuardrailConfig> guardrail,
        CachePoints cachePoints) {

    public ModelCall {
        messages = List.copyOf(messages);
    }

    public ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference,
            Optional<ToolOptions> tools) {
        this(model, system, messages, inference, tools, Optional.empty(), Optional.empty(), CachePoints.NONE);
    }

    /** A call without tools. */
    public ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference) {
        this(model, system, messages, inference, Optional.empty());
    }

    public ModelCall withReasoningBudget(Optional<Integer> budget) {
        return new ModelCall(model, system, messages, inference, tools, budget, guardrail, cachePoints);
    }

    public ModelCall withGuardrail(GuardrailConfig config) {
        return new ModelCall(model, system, messages, inference, tools, reasoningBudget, Optional.of(config), cachePoints);
    }

    public ModelCall withCachePoints(CachePoints points) {
        return new ModelCall(model, system, messages, inference, tools, reasoningBudget, guardrail, points);
    }

    public ModelCall withMessages(List<ChatMessage> newMessages) {
        return new ModelCall(model, system, newMessages, inference, tools, reasoningBudget, guardrail, cachePoints);
    }
}
