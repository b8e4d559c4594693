package dev.parley.bedrock;

import dev.parley.modelcall.ModelFeatures;
import java.util.List;
import java.util.Locale;

/**
 * The feature-matrix row of a catalog entry the matrix does not know and that names no row to
 * behave like (an operator's new model, application inference profile or prompt router): what its
 * configuration declares, and nothing more. Conservative by default: text only (no tools, images
 * or documents), no system prompt (Parley puts the instructions in front of the first message,
 * which every model reads), ConverseStream, no guardrails, prompt caching or reasoning, and
 * {@value #DEFAULT_MAX_OUTPUT_TOKENS} output / {@value #DEFAULT_CONTEXT_TOKENS} context tokens.
 */
final class DeclaredModel {
    static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;
    static final int DEFAULT_CONTEXT_TOKENS = 32000;

    /** What {@code parley.models.catalog.<alias>.capabilities} may list. */
    static final List<String> CAPABILITIES =
            List.of(
                    "system",
                    "streaming",
                    "documents",
                    "vision",
                    "tools",
                    "streaming-tools",
                    "guardrails");

    /** Without a {@code capabilities} list: plain text, streamed or not. */
    static final List<String> CONSERVATIVE = List.of("streaming");

    private DeclaredModel() {}

    static ModelFeatures features(String alias, ModelsSettings.Model model) {
        List<String> declared =
                model.capabilities().orElse(CONSERVATIVE).stream()
                        .map(c -> c.trim().toLowerCase(Locale.ROOT))
                        .filter(c -> !c.isEmpty())
                        .toList();
        for (String capability : declared) {
            if (!CAPABILITIES.contains(capability)) {
                throw new IllegalStateException(
                        "parley.models.catalog."
                                + alias
                                + ".capabilities lists '"
                                + capability
                                + "'; it may list "
                                + CAPABILITIES);
            }
        }
        boolean tools = declared.contains("tools");
        boolean streaming = declared.contains("streaming");
        String base = FeatureMatrix.baseModelId(model.id());
        return new ModelFeatures(
                base,
                alias,
                model.provider().orElse(provider(model.id())),
                model.maxOutputTokens().orElse(DEFAULT_MAX_OUTPUT_TOKENS),
                model.contextTokens().orElse(DEFAULT_CONTEXT_TOKENS),
                false,
                true,
                streaming,
                declared.contains("system"),
                declared.contains("documents"),
                declared.contains("vision"),
                tools,
                tools && streaming && declared.contains("streaming-tools"),
                declared.contains("guardrails"),
                false,
                0,
                0,
                false,
                false,
                ModelFeatures.Reasoning.NONE,
                false,
                false,
                // Only "auto": the one tool choice every Converse model with tools takes.
                tools ? List.of("auto") : List.of(),
                ModelFeatures.LifecycleDates.NONE);
    }

    /** {@code mistral.mistral-large-3-v1:0} → {@code mistral}; an ARN or an id without a provider → {@code bedrock}. */
    static String provider(String id) {
        if (id.startsWith("arn:")) {
            return "bedrock";
        }
        String base = FeatureMatrix.baseModelId(id);
        int dot = base.indexOf('.');
        return dot > 0 ? base.substring(0, dot) : "bedrock";
    }
}
