package dev.parley.bedrock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * One allowed model, as resolved from the catalog. Capabilities and limits come from the feature
 * matrix ({@link FeatureMatrix}); {@code lifecycle} is {@code active} or {@code legacy}.
 */
@RegisterForReflection
public record ModelSpec(
        String alias,
        String modelId,
        String provider,
        int maxOutputTokens,
        int contextTokens,
        Capabilities capabilities,
        String lifecycle) {

    public ModelSpec(String alias, String modelId, String provider, int maxOutputTokens, int contextTokens,
            Capabilities capabilities) {
        this(alias, modelId, provider, maxOutputTokens, contextTokens, capabilities, "active");
    }

    /**
     * What the model can serve on the Converse API. {@code reasoning} is {@code none}, {@code always}
     * (it reasons on every answer) or {@code budget} (it thinks when a request sets
     * {@code reasoning.budgetTokens}); {@code promptCacheMinTokens} is the smallest cacheable prefix
     * (0 without prompt caching); {@code oneSamplingParameter}: temperature or topP, not both.
     */
    @RegisterForReflection
    public record Capabilities(boolean tools, boolean documents, boolean system, boolean streaming, boolean vision,
            boolean streamingTools, boolean guardrails, boolean promptCache, int promptCacheMinTokens, String reasoning,
            boolean oneSamplingParameter) {

        public Capabilities(boolean tools, boolean documents, boolean system, boolean streaming) {
            this(tools, documents, system, streaming, false, tools && streaming, false, false, 0, "none", false);
        }

        /** A model's capabilities as its feature matrix row states them. */
        public static Capabilities of(ModelFeatures features) {
            return new Capabilities(features.tools(), features.documents(), features.system(),
                    features.converseStream(), features.vision(), features.streamingTools(), features.guardrails(),
                    features.promptCache(), features.promptCacheMinTokens(),
                    features.reasoning().name().toLowerCase(Locale.ROOT), features.oneSamplingParameter());
        }

        /** Whether a request may ask for extended thinking with a token budget. */
        @JsonIgnore
        public boolean thinkingBudget() {
            return "budget".equals(reasoning);
        }
    }
}
