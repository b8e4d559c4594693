package dev.parley.modelcall;

import java.util.List;
import java.util.Optional;

/**
 * Everything one Converse call needs, in Parley's terms.
 *
 * @param reasoningBudget extended thinking asked for, in tokens (models whose catalog entry says they can think)
 * @param guardrail the guardrail Bedrock applies to this call; set by the pipeline, never by a route
 * @param cachePoints where prompt-cache points go; set by the pipeline's prompt-caching stage
 * @param outputSchema Bedrock's native structured output ({@code outputConfig.textFormat}): the answer's
 *        text is JSON matching this schema; set only for models whose feature-matrix row says they take it
 */
public record ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference,
        Optional<ToolOptions> tools, Optional<Integer> reasoningBudget, Optional<GuardrailConfig> guardrail,
        CachePoints cachePoints, Optional<OutputSchema> outputSchema) {

    public ModelCall {
        messages = List.copyOf(messages);
    }

    public ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference,
            Optional<ToolOptions> tools, Optional<Integer> reasoningBudget, Optional<GuardrailConfig> guardrail,
            CachePoints cachePoints) {
        this(model, system, messages, inference, tools, reasoningBudget, guardrail, cachePoints, Optional.empty());
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
        return new ModelCall(model, system, messages, inference, tools, budget, guardrail, cachePoints, outputSchema);
    }

    public ModelCall withGuardrail(GuardrailConfig config) {
        return new ModelCall(model, system, messages, inference, tools, reasoningBudget, Optional.of(config), cachePoints,
                outputSchema);
    }

    public ModelCall withCachePoints(CachePoints points) {
        return new ModelCall(model, system, messages, inference, tools, reasoningBudget, guardrail, points, outputSchema);
    }

    public ModelCall withMessages(List<ChatMessage> newMessages) {
        return new ModelCall(model, system, newMessages, inference, tools, reasoningBudget, guardrail, cachePoints,
                outputSchema);
    }

    public ModelCall withInference(InferenceSettings newInference) {
        return new ModelCall(model, system, messages, newInference, tools, reasoningBudget, guardrail, cachePoints,
                outputSchema);
    }

    public ModelCall withTools(Optional<ToolOptions> newTools) {
        return new ModelCall(model, system, messages, inference, newTools, reasoningBudget, guardrail, cachePoints,
                outputSchema);
    }

    public ModelCall withOutputSchema(Optional<OutputSchema> schema) {
        return new ModelCall(model, system, messages, inference, tools, reasoningBudget, guardrail, cachePoints, schema);
    }
}
