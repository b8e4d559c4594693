package dev.parley.embeddings;

import dev.parley.keys.KeyModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The embedding models, which a key's model list may name beside the Converse allow-list. */
@ApplicationScoped
class EmbeddingModelNames implements KeyModels.OtherModels {
    private final EmbeddingCatalog catalog;

    EmbeddingModelNames(EmbeddingCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> aliases() {
        return catalog.all().stream().map(EmbeddingModel::alias).toList();
    }
}
