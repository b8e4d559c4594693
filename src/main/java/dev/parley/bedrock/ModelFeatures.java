package dev.parley.bedrock;

/**
 * One row of the feature matrix ({@code src/main/resources/bedrock/model-features.json}): what a
 * foundation model supports on the Converse API, and its limits, by its base model id.
 */
public record ModelFeatures(String id, String name, String provider, int maxOutputTokens, int contextTokens,
        boolean profileOnly, boolean converse, boolean converseStream, boolean system, boolean documents,
        boolean vision, boolean tools, boolean streamingTools, boolean guardrails, boolean promptCache,
        int promptCacheMinTokens, Reasoning reasoning, boolean oneSamplingParameter, Lifecycle lifecycle) {

    /** How a model reasons: never, on every answer, or when asked with a thinking budget (Anthropic). */
    public enum Reasoning {
        NONE,
        ALWAYS,
        BUDGET
    }

    public enum Lifecycle {
        ACTIVE,
        LEGACY
    }
}
