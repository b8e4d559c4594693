package dev.parley.embeddings;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Resolves an embedding model by alias or Bedrock id; anything else is {@code model_not_allowed}. */
@ApplicationScoped
public class EmbeddingCatalog {
    private final Map<String, EmbeddingModel> byAlias = new TreeMap<>();
    private final Optional<EmbeddingModel> defaultModel;

    EmbeddingCatalog(EmbeddingsSettings settings) {
        settings.catalog()
                .forEach(
                        (alias, model) ->
                                byAlias.put(
                                        alias,
                                        EmbeddingModel.of(alias, model.id(), model.format())));
        defaultModel =
                settings.defaultModel()
                        .map(
                                alias -> {
                                    EmbeddingModel model = byAlias.get(alias);
                                    if (model == null) {
                                        throw new IllegalStateException(
                                                "parley.embeddings.default-model is '"
                                                        + alias
                                                        + "', which is not in parley.embeddings.catalog: "
                                                        + byAlias.keySet());
                                    }
                                    return model;
                                });
    }

    public EmbeddingModel resolve(String requested) {
        if (requested == null) {
            return defaultModel.orElseThrow(
                    () ->
                            new ParleyException(
                                    ErrorCode.VALIDATION_ERROR,
                                    "model is required; embedding models: "
                                            + String.join(", ", byAlias.keySet())));
        }
        EmbeddingModel byName = byAlias.get(requested);
        if (byName != null) {
            return byName;
        }
        return byAlias.values().stream()
                .filter(model -> model.modelId().equals(requested))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ParleyException(
                                        ErrorCode.MODEL_NOT_ALLOWED,
                                        "embedding model '"
                                                + requested
                                                + "' is not in the allow-list; allowed: "
                                                + String.join(", ", byAlias.keySet())));
    }

    public List<EmbeddingModel> all() {
        return List.copyOf(new ArrayList<>(byAlias.values()));
    }
}
