package dev.parley.modelcall;

import java.util.List;
import java.util.Optional;

/**
 * Everything one Converse call needs, in Parley's terms.
 *
 * @param reasoning the reasoning asked for (a budget or an effort); the capability stage's reasoning
 *        policy rewrites it into the form the model takes, and refuses it where the model cannot reason
 * @param guardrail the guardrail Bedrock applies to this call; set by the pipeline, never by a route
 * @param cachePoints where prompt-cache points go; set by the pipeline's prompt-caching stage
 * @param outputSchema Bedrock's native structured output ({@code outputConfig.textFormat}): the answer's
 *        text is JSON matching this schema; set only for models whose feature-matrix row says they take it
 * @param controls the service tier and the invocation-log tags ({@code requestMetadata})
 * @param grounding the grounding source and query of the newest user message, for a guardrail's
 *        contextual grounding check (sent as qualified {@code guardContent} when a guardrail is on)
 */
public record ModelCall(
        ModelSpec model,
        Optional<String> system,
        List<ChatMessage> messages,
        InferenceSettings inference,
        Optional<ToolOptions> tools,
        Optional<ReasoningAsk> reasoning,
        Optional<GuardrailConfig> guardrail,
        CachePoints cachePoints,
        Optional<OutputSchema> outputSchema,
        CallControls controls,
        Optional<Grounding> grounding) {

    public ModelCall {
        messages = List.copyOf(messages);
        controls = controls == null ? CallControls.NONE : controls;
        grounding = grounding == null ? Optional.empty() : grounding;
    }

    /** A call without a grounding source. */
    public ModelCall(
            ModelSpec model,
            Optional<String> system,
            List<ChatMessage> messages,
            InferenceSettings inference,
            Optional<ToolOptions> tools,
            Optional<ReasoningAsk> reasoning,
            Optional<GuardrailConfig> guardrail,
            CachePoints cachePoints,
            Optional<OutputSchema> outputSchema,
            CallControls controls) {
        this(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                Optional.empty());
    }

    public ModelCall(
            ModelSpec model,
            Optional<String> system,
            List<ChatMessage> messages,
            InferenceSettings inference,
            Optional<ToolOptions> tools) {
        this(
                model,
                system,
                messages,
                inference,
                tools,
                Optional.empty(),
                Optional.empty(),
                CachePoints.NONE,
                Optional.empty(),
                CallControls.NONE);
    }

    /** A call without tools. */
    public ModelCall(
            ModelSpec model,
            Optional<String> system,
            List<ChatMessage> messages,
            InferenceSettings inference) {
        this(model, system, messages, inference, Optional.empty());
    }

    /** The thinking budget, when the call asks for reasoning as a budget. */
    public Optional<Integer> reasoningBudget() {
        return reasoning
                .filter(ReasoningAsk.Budget.class::isInstance)
                .map(ask -> ((ReasoningAsk.Budget) ask).tokens());
    }

    /** The effort level, when the call asks for reasoning as an effort. */
    public Optional<String> reasoningEffort() {
        return reasoning
                .filter(ReasoningAsk.Effort.class::isInstance)
                .map(ask -> ((ReasoningAsk.Effort) ask).level());
    }

    /** Reasoning as a thinking budget ({@code reasoning.budgetTokens}, Anthropic's {@code budget_tokens}). */
    public ModelCall withReasoningBudget(Optional<Integer> budget) {
        return withReasoning(budget.map(ReasoningAsk.Budget::new));
    }

    public ModelCall withReasoning(Optional<? extends ReasoningAsk> ask) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                ask.map(ReasoningAsk.class::cast),
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withGuardrail(GuardrailConfig config) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                Optional.of(config),
                cachePoints,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withCachePoints(CachePoints points) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                guardrail,
                points,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withMessages(List<ChatMessage> newMessages) {
        return new ModelCall(
                model,
                system,
                newMessages,
                inference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withInference(InferenceSettings newInference) {
        return new ModelCall(
                model,
                system,
                messages,
                newInference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withTools(Optional<ToolOptions> newTools) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                newTools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                grounding);
    }

    public ModelCall withOutputSchema(Optional<OutputSchema> schema) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                schema,
                controls,
                grounding);
    }

    public ModelCall withControls(CallControls newControls) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                newControls,
                grounding);
    }

    /** The call with its newest user message's grounding source and query. */
    public ModelCall withGrounding(Grounding newGrounding) {
        return new ModelCall(
                model,
                system,
                messages,
                inference,
                tools,
                reasoning,
                guardrail,
                cachePoints,
                outputSchema,
                controls,
                Optional.of(newGrounding));
    }

    /** The call on {@code tier} (empty: the caller's default, else Bedrock's standard tier). */
    public ModelCall withServiceTier(Optional<ServiceTier> tier) {
        return withControls(controls.withServiceTier(tier));
    }
}
