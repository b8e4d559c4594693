package dev.parley.anthropic;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anthropic's model names as the catalog's models. A client of the Anthropic API names Claude as
 * Anthropic does ({@code claude-sonnet-4-6}, {@code claude-haiku-4-5-20251001},
 * {@code claude-3-5-haiku-latest}); the catalog knows Bedrock ids and Parley aliases. In order: a
 * catalog alias or model id as it is; a Claude model whose Bedrock id is the Anthropic name
 * ({@code anthropic.<name>-v1:0}); the name without its date or {@code -latest} as an alias or
 * Anthropic name. Anything else is Anthropic's 404 naming what to pass instead (Claude Code asks
 * for its newest default model, which a catalog may not carry yet).
 */
final class ModelNames {
    /** A dated snapshot ({@code -20251001}) or the moving {@code -latest} pointer. */
    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{8}|latest)$");

    /** Bedrock's version suffix on a foundation model id: {@code -v1:0}, {@code -v1}. */
    private static final Pattern BEDROCK_VERSION = Pattern.compile("-v\\d+(:\\d+)?$");

    private ModelNames() {}

    static ModelSpec resolve(ModelCatalog catalog, String requested) {
        if (requested == null || requested.isBlank()) {
            throw Fields.missing("model");
        }
        Optional<ModelSpec> found = tryResolve(catalog, requested);
        if (found.isEmpty()) {
            found = anthropicName(catalog, requested, false);
        }
        String undated = SNAPSHOT.matcher(requested).replaceFirst("");
        if (found.isEmpty() && !undated.equals(requested)) {
            found = tryResolve(catalog, undated).or(() -> anthropicName(catalog, undated, true));
        }
        return found.orElseThrow(
                () ->
                        AnthropicException.unknownModel(
                                "model: "
                                        + requested
                                        + " is not served by"
                                        + " this Parley deployment. Pass one of its models instead (Claude Code: --model <name> or"
                                        + " ANTHROPIC_MODEL): "
                                        + String.join(", ", names(catalog))
                                        + "."));
    }

    /** The catalog's answer, or empty for a name it does not know; a retired model's 410 goes on. */
    private static Optional<ModelSpec> tryResolve(ModelCatalog catalog, String name) {
        try {
            return Optional.of(catalog.resolve(name));
        } catch (ParleyException e) {
            if (e.code() == ErrorCode.MODEL_NOT_ALLOWED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Optional<ModelSpec> anthropicName(
            ModelCatalog catalog, String name, boolean undated) {
        for (ModelSpec spec : catalog.all()) {
            String own = anthropicName(spec);
            if (own != null
                    && (undated ? SNAPSHOT.matcher(own).replaceFirst("") : own).equals(name)) {
                return Optional.of(catalog.resolve(spec.alias()));
            }
        }
        return Optional.empty();
    }

    /** Anthropic's name of a Claude model ({@code anthropic.claude-haiku-4-5-20251001-v1:0} → {@code claude-haiku-4-5-20251001}). */
    static String anthropicName(ModelSpec spec) {
        String base = FeatureMatrix.baseModelId(spec.modelId());
        if (!base.startsWith("anthropic.")) {
            return null;
        }
        return BEDROCK_VERSION.matcher(base.substring("anthropic.".length())).replaceFirst("");
    }

    /** The catalog's aliases, Claude models first (what an Anthropic client most likely wants). */
    static List<String> names(ModelCatalog catalog) {
        List<String> claude = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ModelSpec spec : catalog.all()) {
            (anthropicName(spec) != null ? claude : others).add(spec.alias());
        }
        claude.addAll(others);
        return claude;
    }
}
