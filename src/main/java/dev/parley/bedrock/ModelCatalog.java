package dev.parley.bedrock;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelLifecycle;
import dev.parley.modelcall.ModelSpec;
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
 * message. Resolution is also where a model's lifecycle is checked ({@link LifecycleCheck}, which
 * the lifecycle feature implements), so
 * every route refuses a retired model and warns about a legacy one by construction. The
 * lifecycle feature combines the matrix's dates with the account's last report (docs/models.md).
 */
@ApplicationScoped
public class ModelCatalog {
    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    /** Replacement chains are short (3.5 Sonnet → Sonnet 4.5 → Sonnet 4.6); a cycle in the matrix stops here. */
    private static final int MAX_SUCCESSOR_HOPS = 5;

    private final Map<String, ModelSpec> byAlias = new TreeMap<>();
    private final ModelSpec defaultModel;
    private final LifecycleCheck lifecycle;

    ModelCatalog(ModelsSettings settings, LifecycleCheck lifecycle) {
        this.lifecycle = lifecycle;
        FeatureMatrix matrix = FeatureMatrix.load();
        List<String> allowed = settings.allowed().orElse(List.copyOf(settings.catalog().keySet()));
        for (String alias : allowed) {
            ModelsSettings.Model model = settings.catalog().get(alias);
            if (model == null) {
                throw new IllegalStateException(
                        "parley.models.allowed names '"
                                + alias
                                + "', which is not in parley.models.catalog; catalog: "
                                + settings.catalog().keySet());
            }
            byAlias.put(alias, spec(alias, model, matrix, settings, allowed));
        }
        defaultModel = byAlias.get(settings.defaultModel());
        if (defaultModel == null) {
            throw new IllegalStateException(
                    "parley.models.default-model is '"
                            + settings.defaultModel()
                            + "', which is not an allowed model; allowed: "
                            + byAlias.keySet());
        }
        if (lifecycle.state(defaultModel.lifecycle()) != ModelLifecycle.State.ACTIVE) {
            // Not fatal: the listing and every request naming another model still work.
            LOG.warnf(
                    "parley.models.default-model '%s' is %s (end of life %s); set parley.models.default-model"
                            + " (template: DefaultModel) to an active model",
                    defaultModel.alias(),
                    lifecycle.state(defaultModel.lifecycle()).label(),
                    defaultModel
                            .lifecycle()
                            .eolDate()
                            .map(Object::toString)
                            .orElse("not announced"));
        }
    }

    /** A catalog entry with its matrix row: the entry may lower the model's limits, never raise them. */
    private ModelSpec spec(
            String alias,
            ModelsSettings.Model model,
            FeatureMatrix matrix,
            ModelsSettings settings,
            List<String> allowed) {
        ModelFeatures features = row(alias, model, matrix, settings);
        int maxOutput = model.maxOutputTokens().orElse(features.maxOutputTokens());
        int context = model.contextTokens().orElse(features.contextTokens());
        if (maxOutput < 1
                || maxOutput > features.maxOutputTokens()
                || context < 1
                || context > features.contextTokens()) {
            throw new IllegalStateException(
                    "parley.models.catalog."
                            + alias
                            + " limits must be between 1 and the model's"
                            + " own (max-output-tokens "
                            + features.maxOutputTokens()
                            + ", context-tokens "
                            + features.contextTokens()
                            + ")");
        }
        return new ModelSpec(
                alias,
                model.id(),
                features.provider(),
                maxOutput,
                context,
                ModelSpec.Capabilities.of(features),
                lifecycle(model.id(), features, matrix, settings, allowed));
    }

    /**
     * The entry's matrix row: its own, the row of the model it is {@code like}, or (neither: an
     * operator's model the matrix does not know) the conservative row its configuration declares,
     * with a warning rather than a failed start-up.
     */
    private static ModelFeatures row(
            String alias,
            ModelsSettings.Model model,
            FeatureMatrix matrix,
            ModelsSettings settings) {
        Optional<ModelFeatures> own = matrix.find(model.id());
        if (own.isPresent()) {
            return own.get();
        }
        if (model.like().isPresent()) {
            String like = model.like().get();
            ModelsSettings.Model other = settings.catalog().get(like);
            return matrix.find(other != null ? other.id() : like)
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "parley.models.catalog."
                                                    + alias
                                                    + ".like is '"
                                                    + like
                                                    + "', which is neither a catalog alias with a"
                                                    + " feature-matrix row nor a model id in "
                                                    + FeatureMatrix.RESOURCE));
        }
        ModelFeatures declared = DeclaredModel.features(alias, model);
        LOG.warnf(
                "parley.models.catalog.%s.id '%s' has no row in the feature matrix and names none to behave like"
                        + " (.like): served with the capabilities its configuration declares %s, %d output and %d context"
                        + " tokens; set parley.models.catalog.%s.like or .capabilities (docs/models.md)",
                alias,
                model.id(),
                model.capabilities().orElse(DeclaredModel.CONSERVATIVE),
                declared.maxOutputTokens(),
                declared.contextTokens(),
                alias);
        return declared;
    }

    /**
     * The dates of the entry's geography, and the successor a caller should move to: AWS's
     * replacement, followed on while that one is itself legacy or retired today (Claude 3.5
     * Sonnet's replacement, Sonnet 4.5, is already legacy), named by its allowed alias here, or by
     * its model id when this deployment does not offer it.
     */
    private ModelLifecycle lifecycle(
            String id,
            ModelFeatures features,
            FeatureMatrix matrix,
            ModelsSettings settings,
            List<String> allowed) {
        String geography = FeatureMatrix.geography(id);
        ModelFeatures.LifecycleDates dates = features.lifecycle();
        Optional<String> successor = dates.replacement();
        for (int hop = 0; successor.isPresent() && hop < MAX_SUCCESSOR_HOPS; hop++) {
            Optional<ModelFeatures> next = matrix.find(successor.get());
            if (next.isEmpty()
                    || next.get().lifecycle().replacement().isEmpty()
                    || lifecycle.state(datesOf(next.get(), geography, Optional.empty()))
                            == ModelLifecycle.State.ACTIVE) {
                break;
            }
            successor = next.get().lifecycle().replacement();
        }
        Optional<String> replacement =
                successor.map(
                        base ->
                                allowed.stream()
                                        .filter(
                                                alias ->
                                                        FeatureMatrix.baseModelId(
                                                                        settings.catalog()
                                                                                .get(alias)
                                                                                .id())
                                                                .equals(base))
                                        .findFirst()
                                        .orElse(base));
        return datesOf(features, geography, replacement);
    }

    private static ModelLifecycle datesOf(
            ModelFeatures features, String geography, Optional<String> replacement) {
        ModelFeatures.LifecycleDates dates = features.lifecycle();
        return ModelLifecycle.of(dates.legacyDate(), dates.eolDate(geography), replacement);
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
        return find(requested)
                .orElseThrow(
                        () ->
                                new ParleyException(
                                        ErrorCode.MODEL_NOT_ALLOWED,
                                        "model '"
                                                + requested
                                                + "' is not in the allow-list; allowed: "
                                                + String.join(", ", callableAliases())
                                                + " (or their model ids, see GET /v1/models)"));
    }

    /**
     * The alias of the model behind {@code invokedModelId} (the model a prompt router sent a call
     * to): its catalog alias, or its bare model id when the catalog has no entry for it. A
     * router chooses among a few models, so this stays a small set (a metric dimension, a ledger
     * label).
     */
    public String answeringAlias(String invokedModelId) {
        return find(invokedModelId)
                .map(ModelSpec::alias)
                .orElse(FeatureMatrix.baseModelId(invokedModelId));
    }

    /**
     * The catalog entry a name means, in every form a request may use: its alias, its catalog id,
     * or the same model's bare id or another geography's inference profile. No lifecycle check:
     * a retired model can still be looked at ({@code GET /v1/models/{model}}).
     */
    public Optional<ModelSpec> find(String name) {
        ModelSpec byName = byAlias.get(name);
        if (byName != null) {
            return Optional.of(byName);
        }
        for (ModelSpec spec : byAlias.values()) {
            if (spec.modelId().equals(name)) {
                return Optional.of(spec);
            }
        }
        // The same model through another inference profile or its bare id (as the seed notebook
        // writes it): served through the catalog's own id, the one the IAM policy allows.
        String base = FeatureMatrix.baseModelId(name);
        for (ModelSpec spec : byAlias.values()) {
            if (FeatureMatrix.baseModelId(spec.modelId()).equals(base)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** The aliases a request may still use today: a retired model is in the catalog but answers 410. */
    private List<String> callableAliases() {
        return byAlias.values().stream()
                .filter(spec -> state(spec) != ModelLifecycle.State.RETIRED)
                .map(ModelSpec::alias)
                .toList();
    }

    /** A model's lifecycle state today (active, legacy, retired), for listings. */
    public ModelLifecycle.State state(ModelSpec spec) {
        return lifecycle.currentState(spec.modelId(), spec.lifecycle());
    }

    public ModelSpec defaultModel() {
        return defaultModel;
    }

    public List<ModelSpec> all() {
        return Collections.unmodifiableList(new ArrayList<>(byAlias.values()));
    }
}
