package dev.parley.bedrock;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves what a request names (an alias or a full model / inference profile id) to an allowed
 * {@link ModelSpec}. Anything else is {@code model_not_allowed}, with the allowed names in the message.
 */
@ApplicationScoped
public class ModelCatalog {
    private final Map<String, ModelSpec> byAlias = new TreeMap<>();
    private final ModelSpec defaultModel;

    ModelCatalog(ModelsSettings settings) {
        FeatureMatrix matrix = FeatureMatrix.load();
        List<String> allowed = settings.allowed().orElse(List.copyOf(settings.catalog().keySet()));
        for (String alias : allowed) {
            ModelsSettings.Model model = settings.catalog().get(alias);
            if (model == null) {
                throw new IllegalStateException("parley.models.allowed names '" + alias
                        + "', which is not in parley.models.catalog; catalog: " + settings.catalog().keySet());
            }
            byAlias.put(alias, spec(alias, model, matrix));
        }
        defaultModel = byAlias.get(settings.defaultModel());
        if (defaultModel == null) {
            throw new IllegalStateException("parley.models.default-model is '" + settings.defaultModel()
                    + "', which is not an allowed model; allowed: " + byAlias.keySet());
        }
    }

    /** A catalog entry with its matrix row: the entry may lower the model's limits, never raise them. */
    private static ModelSpec spec(String alias, ModelsSettings.Model model, FeatureMatrix matrix) {
        ModelFeatures features = matrix.find(model.id()).orElseThrow(() -> new IllegalStateException(
                "parley.models.catalog." + alias + ".id is '" + model.id() + "', whose model is not in the feature matrix "
                        + FeatureMatrix.RESOURCE + "; add its row there first"));
        int maxOutput = model.maxOutputTokens().orElse(features.maxOutputTokens());
        int context = model.contextTokens().orElse(features.contextTokens());
        if (maxOutput < 1 || maxOutput > features.maxOutputTokens() || context < 1 || context > features.contextTokens()) {
            throw new IllegalStateException("parley.models.catalog." + alias + " limits must be between 1 and the model's"
                    + " own (max-output-tokens " + features.maxOutputTokens() + ", context-tokens "
                    + features.contextTokens() + ")");
        }
        return new ModelSpec(alias, model.id(), features.provider(), maxOutput, context,
                ModelSpec.Capabilities.of(features), features.lifecycle().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The model a request asked for, or the default when it named none. */
    public ModelSpec resolve(String requested) {
        if (requested == null) {
            return defaultModel;
        }
        ModelSpec byName = byAlias.get(requested);
        if (byName != null) {
            return byName;
        }
        for (ModelSpec spec : byAlias.values()) {
            if (spec.modelId().equals(requested)) {
                return spec;
            }
        }
        // The same model through another inference profile or its bare id (as the seed notebook
        // writes it): served through the catalog's own id, the one the IAM policy allows.
        String base = FeatureMatrix.baseModelId(requested);
        for (ModelSpec spec : byAlias.values()) {
            if (FeatureMatrix.baseModelId(spec.modelId()).equals(base)) {
                return spec;
            }
        }
        throw new ParleyException(ErrorCode.MODEL_NOT_ALLOWED, "model '" + requested
                + "' is not in the allow-list; allowed: " + String.join(", ", byAlias.keySet())
                + " (or their model ids, see GET /v1/models)");
    }

    public ModelSpec defaultModel() {
        return defaultModel;
    }

    public List<ModelSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(byAlias.values()));
    }
}
