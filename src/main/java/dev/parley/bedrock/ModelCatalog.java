package dev.parley.bedrock;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.lifecycle.LifecycleGate;
import dev.parley.lifecycle.ModelLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Resolves what a request names (an alias or a full model / inference profile id) to an allowed
 * {@link ModelSpec}. Anything else is {@code model_not_allowed}, with the allowed names in the
 * message. Resolution is also where a model's lifecycle is checked ({@link LifecycleGate}), so
 * every route refuses a retired model and warns about a legacy one by construction.
 */
@ApplicationScoped
public class ModelCatalog {
    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final Map<String, ModelSpec> byAlias = new TreeMap<>();
    private final ModelSpec defaultModel;
    private final LifecycleGate lifecycle;

    ModelCatalog(ModelsSettings settings, LifecycleGate lifecycle) {
        this.lifecycle = lifecycle;
        FeatureMatrix matrix = FeatureMatrix.load();
        List<String> allowed = settings.allowed().orElse(List.copyOf(settings.catalog().keySet()));
        for (String alias : allowed) {
            ModelsSettings.Model model = settings.catalog().get(alias);
            if (model == null) {
                throw new IllegalStateException("parley.models.allowed names '" + alias
                        + "', which is not in parley.models.catalog; catalog: " + settings.catalog().keySet());
            }
            byAlias.put(alias, spec(alias, model, matrix, settings));
        }
        defaultModel = byAlias.get(settings.defaultModel());
        if (defaultModel == null) {
            throw new IllegalStateException("parley.models.default-model is '" + settings.defaultModel()
                    + "', which is not an allowed model; allowed: " + byAlias.keySet());
        }
        if (lifecycle.state(defaultModel.lifecycle()) != ModelLifecycle.State.ACTIVE) {
            // Not fatal: the listing and every request naming another model still work.
            LOG.warnf("parley.models.default-model '%s' is %s (end of life %s); choose an active model",
                    defaultModel.alias(), lifecycle.state(defaultModel.lifecycle()).label(),
                    defaultModel.lifecycle().eolDate().map(Object::toString).orElse("not announced"));
        }
    }

    /** A catalog entry with its matrix row: the entry may lower the model's limits, never raise them. */
    private static ModelSpec spec(String alias, ModelsSettings.Model model, FeatureMatrix matrix,
            ModelsSettings settings) {
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
                ModelSpec.Capabilities.of(features), lifecycle(model.id(), features, settings));
    }

    /** The dates of the entry's geography, the successor named by its alias here when the catalog offers it. */
    private static ModelLifecycle lifecycle(String id, ModelFeatures features, ModelsSettings settings) {
        ModelFeatures.LifecycleDates dates = features.lifecycle();
        Optional<String> replacement = dates.replacement().map(base -> settings.catalog().entrySet().stream()
                .filter(e -> FeatureMatrix.baseModelId(e.getValue().id()).equals(base))
                .map(Map.Entry::getKey).findFirst().orElse(base));
        return ModelLifecycle.of(dates.legacyDate(), dates.eolDate(FeatureMatrix.geography(id)), replacement);
    }

    /** The model a request asked for, or the default when it named none; a retired model is refused (410). */
    public ModelSpec resolve(String requested) {
        ModelSpec spec = lookup(requested);
        lifecycle.check(spec.alias(), spec.modelId(), spec.lifecycle());
        return spec;
    }

    /** Resolution without the lifecycle check (start-up priming only). */
    ModelSpec lookup(String requested) {
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

    /** A model's lifecycle state today (active, legacy, retired), for listings. */
    public ModelLifecycle.State state(ModelSpec spec) {
        return lifecycle.state(spec.lifecycle());
    }

    public ModelSpec defaultModel() {
        return defaultModel;
    }

    public List<ModelSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(byAlias.values()));
    }
}
