package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One allowed model, as resolved from the catalog. Capabilities and limits come from the feature
 * matrix ({@code bedrock/FeatureMatrix}); {@code lifecycle} holds its dates, precomputed at start-up
 * (whether it is active, legacy or retired today is the clock's answer, see lifecycle/).
 */
@RegisterForReflection
public record ModelSpec(
        String alias,
        String modelId,
        String provider,
        int maxOutputTokens,
        int contextTokens,
        Capabilities capabilities,
        @JsonIgnore ModelLifecycle lifecycle) {

    public ModelSpec(
            String alias,
            String modelId,
            String provider,
            int maxOutputTokens,
            int contextTokens,
            Capabilities capabilities) {
        this(
                alias,
                modelId,
                provider,
                maxOutputTokens,
                contextTokens,
                capabilities,
                ModelLifecycle.ACTIVE);
    }

    /**
     * What the model can serve on the Converse API. {@code reasoning} is {@code none}, {@code always}
     * (it reasons on every answer), {@code budget} (it thinks when a request sets
     * {@code reasoning.budgetTokens}), {@code adaptive} (it thinks adaptively at an effort level and
     * still takes a budget), {@code adaptive-only} (effort only; a budget is refused by Bedrock),
     * {@code adaptive-always} (as adaptive-only, thinking on every answer and never off) or
     * {@code effort} (off unless asked, then at an effort level: Nova 2 Lite's {@code reasoningConfig});
     * {@code promptCacheMinTokens} is the smallest cacheable prefix (0 without prompt caching);
     * {@code oneSamplingParameter}: temperature or topP, not both; {@code defaultSamplingOnly}: no
     * temperature or topP at all. {@code promptCacheMaxTokens}: the largest cacheable prefix (0: no
     * stated limit); {@code promptCacheTools}: a cache point may follow the tool definitions;
     * {@code promptCacheLongTtl}: a cache point may ask for the one-hour TTL; {@code toolChoice}: the
     * Converse tool choices the model takes and obeys ({@code auto}, {@code any}, {@code tool}).
     */
    @RegisterForReflection
    public record Capabilities(
            boolean tools,
            boolean documents,
            boolean system,
            boolean streaming,
            boolean vision,
            boolean streamingTools,
            boolean guardrails,
            boolean promptCache,
            int promptCacheMinTokens,
            int promptCacheMaxTokens,
            boolean promptCacheTools,
            boolean promptCacheLongTtl,
            String reasoning,
            boolean oneSamplingParameter,
            boolean defaultSamplingOnly,
            java.util.List<String> toolChoice) {

        public Capabilities(
                boolean tools,
                boolean documents,
                boolean system,
                boolean streaming,
                boolean vision,
                boolean streamingTools,
                boolean guardrails,
                boolean promptCache,
                int promptCacheMinTokens,
                String reasoning,
                boolean oneSamplingParameter,
                boolean defaultSamplingOnly) {
            this(
                    tools,
                    documents,
                    system,
                    streaming,
                    vision,
                    streamingTools,
                    guardrails,
                    promptCache,
                    promptCacheMinTokens,
                    0,
                    false,
                    false,
                    reasoning,
                    oneSamplingParameter,
                    defaultSamplingOnly,
                    tools ? ModelFeatures.TOOL_CHOICES : java.util.List.of());
        }

        public Capabilities(boolean tools, boolean documents, boolean system, boolean streaming) {
            this(
                    tools,
                    documents,
                    system,
                    streaming,
                    false,
                    tools && streaming,
                    false,
                    false,
                    0,
                    "none",
                    false,
                    false);
        }

        public Capabilities(
                boolean tools,
                boolean documents,
                boolean system,
                boolean streaming,
                boolean vision,
                boolean streamingTools,
                boolean guardrails,
                boolean promptCache,
                int promptCacheMinTokens,
                String reasoning,
                boolean oneSamplingParameter) {
            this(
                    tools,
                    documents,
                    system,
                    streaming,
                    vision,
                    streamingTools,
                    guardrails,
                    promptCache,
                    promptCacheMinTokens,
                    reasoning,
                    oneSamplingParameter,
                    false);
        }

        /** A model's capabilities as its feature matrix row states them. */
        public static Capabilities of(ModelFeatures features) {
            return new Capabilities(
                    features.tools(),
                    features.documents(),
                    features.system(),
                    features.converseStream(),
                    features.vision(),
                    features.streamingTools(),
                    features.guardrails(),
                    features.promptCache(),
                    features.promptCacheMinTokens(),
                    features.promptCacheMaxTokens(),
                    features.promptCacheInTools(),
                    features.promptCacheLongTtl(),
                    features.reasoning().label(),
                    features.oneSamplingParameter(),
                    features.defaultSamplingOnly(),
                    features.toolChoice());
        }

        /** Whether a request may ask for extended thinking (a budget, or an effort for adaptive thinking). */
        @JsonIgnore
        public boolean thinkingBudget() {
            return reasoningMode().takesBudget()
                    || reasoningMode().adaptive()
                    || reasoningMode() == ModelFeatures.Reasoning.EFFORT;
        }

        /** {@code reasoning} as the matrix's enum. */
        @JsonIgnore
        public ModelFeatures.Reasoning reasoningMode() {
            return switch (reasoning) {
                case "always" -> ModelFeatures.Reasoning.ALWAYS;
                case "budget" -> ModelFeatures.Reasoning.BUDGET;
                case "adaptive" -> ModelFeatures.Reasoning.ADAPTIVE;
                case "adaptive-only" -> ModelFeatures.Reasoning.ADAPTIVE_ONLY;
                case "adaptive-always" -> ModelFeatures.Reasoning.ADAPTIVE_ALWAYS;
                case "effort" -> ModelFeatures.Reasoning.EFFORT;
                default -> ModelFeatures.Reasoning.NONE;
            };
        }
    }
}
