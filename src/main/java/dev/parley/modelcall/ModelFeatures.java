package dev.parley.modelcall;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the feature matrix ({@code src/main/resources/bedrock/model-features.json}): what a
 * foundation model supports on the Converse API, its limits and its lifecycle dates, by its base
 * model id. Prompt caching: the smallest and largest cacheable prefix ({@code promptCacheMaxTokens}
 * 0 for no stated limit), whether {@code toolConfig.tools} takes a cache point (Claude; Nova takes
 * them in system and messages only) and whether a point may ask for the one-hour TTL. {@code
 * toolChoice}: the Converse tool choices ({@code auto}, {@code any}, {@code tool}) the model takes
 * and obeys.
 */
public record ModelFeatures(
        String id,
        String name,
        String provider,
        int maxOutputTokens,
        int contextTokens,
        boolean profileOnly,
        boolean converse,
        boolean converseStream,
        boolean system,
        boolean documents,
        boolean vision,
        boolean tools,
        boolean streamingTools,
        boolean guardrails,
        boolean promptCache,
        int promptCacheMinTokens,
        int promptCacheMaxTokens,
        boolean promptCacheInTools,
        boolean promptCacheLongTtl,
        Reasoning reasoning,
        boolean oneSamplingParameter,
        boolean defaultSamplingOnly,
        List<String> toolChoice,
        LifecycleDates lifecycle) {

    /** The tool-choice kinds of the Converse API. */
    public static final List<String> TOOL_CHOICES = List.of("auto", "any", "tool");

    public ModelFeatures {
        toolChoice = List.copyOf(toolChoice);
    }

    /**
     * How a model reasons: never, on every answer, when asked with a thinking budget (Claude 3.7 to
     * 4.5), adaptively with an effort level while still accepting a budget (Claude 4.6), or
     * adaptively only, refusing a budget (Opus 4.7 and later, Claude 5), or adaptively on every
     * answer with no way to turn it off (Opus 5.5).
     */
    public enum Reasoning {
        NONE,
        ALWAYS,
        BUDGET,
        ADAPTIVE,
        ADAPTIVE_ONLY,
        /**
         * Adaptive thinking that is always on and cannot be disabled (Claude Opus 5.5's Bedrock
         * model card: "adaptive thinking is always on and cannot be disabled"; effort low to max):
         * the model reasons on every answer, a budget is refused as for {@link #ADAPTIVE_ONLY},
         * and so is {@code thinking.type: disabled} and, thinking being on, a forced tool.
         */
        ADAPTIVE_ALWAYS,
        /**
         * Off by default, opt-in at an effort level: Amazon Nova 2 Lite's
         * {@code additionalModelRequestFields.reasoningConfig = {type: enabled, maxReasoningEffort:
         * low | medium | high}} (AWS's Nova 2 user guide, "Extended thinking").
         */
        EFFORT;

        /** Whether a request may ask for Anthropic's {@code thinking.type: enabled} with {@code budget_tokens}. */
        public boolean takesBudget() {
            return this == BUDGET || this == ADAPTIVE;
        }

        /** Whether the model takes {@code thinking.type: adaptive} with {@code output_config.effort}. */
        public boolean adaptive() {
            return this == ADAPTIVE || this == ADAPTIVE_ONLY || this == ADAPTIVE_ALWAYS;
        }

        /** Whether the model takes {@code xhigh} (the models that think adaptively only). */
        public boolean takesXhigh() {
            return this == ADAPTIVE_ONLY || this == ADAPTIVE_ALWAYS;
        }

        /** The matrix's spelling: {@code adaptive-only} for {@link #ADAPTIVE_ONLY}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A model's lifecycle dates as AWS publishes them: when it became Legacy, when it reaches its
     * end of life (by geography where the dates differ; key {@code default} for the rest) and the
     * base model id of its successor. No dates: an active model.
     */
    public record LifecycleDates(
            Optional<LocalDate> legacyDate,
            Map<String, LocalDate> eolDates,
            Optional<String> replacement) {

        public static final LifecycleDates NONE =
                new LifecycleDates(Optional.empty(), Map.of(), Optional.empty());

        public LifecycleDates {
            eolDates = Map.copyOf(eolDates);
        }

        /** The end of life in a geography ({@code us}, {@code eu}, {@code apac}, {@code global}), or the default one. */
        public Optional<LocalDate> eolDate(String geography) {
            LocalDate date = eolDates.get(geography);
            return Optional.ofNullable(date != null ? date : eolDates.get("default"));
        }
    }
}
