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
        List<String> allowed = settings.allowed().orElse(List.copyOf(settings.catalog().keySet()));
        for (String alias : allowed) {
            ModelsSettings.Model model = settings.catalog().get(alias);
            if (model == null) {
                throw new IllegalStateException("parley.models.allowed names '" + alias
                        + "', which is not in parley.models.catalog; catalog: " + settings.catalog().keySet());
            }
            byAlias.put(alias, new ModelSpec(alias, model.id(), model.provider(), model.maxOutputTokens(),
                    model.contextTokens(), new ModelSpec.Capabilities(model.tools(), model.documents(),
                            model.system(), model.streaming())));
        }
        defaultModel = byAlias.get(settings.defaultModel());
        if (defaultModel == null) {
            throw new IllegalStateException("parley.models.default-model is '" + settings.defaultModel()
                    + "', which is not an allowed model; allowed: " + byAlias.keySet());
        }
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
