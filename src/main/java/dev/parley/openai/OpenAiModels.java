package dev.parley.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.embeddings.EmbeddingCatalog;
import dev.parley.embeddings.EmbeddingModel;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.modelcall.ModelLifecycle;
import dev.parley.modelcall.ModelSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The allow-list in OpenAI's model shape: chat models and embedding models by alias. Bedrock
 * publishes no creation date Parley could report, so {@code created} is 0.
 */
@ApplicationScoped
class OpenAiModels {

    /**
     * OpenAI's model object; Parley adds the lifecycle of a chat model with announced dates
     * ({@code lifecycle}, {@code legacy_date}, {@code eol_date}, {@code replacement}), absent otherwise.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelObject(
            String id,
            String object,
            long created,
            @JsonProperty("owned_by") String ownedBy,
            String lifecycle,
            @JsonProperty("legacy_date") String legacyDate,
            @JsonProperty("eol_date") String eolDate,
            String replacement) {

        ModelObject(String id, String object, long created, String ownedBy) {
            this(id, object, created, ownedBy, null, null, null, null);
        }
    }

    @RegisterForReflection
    record ModelListView(String object, List<ModelObject> data) {}

    private final ModelCatalog catalog;
    private final AccountLifecycles account;
    private final EmbeddingCatalog embeddings;

    OpenAiModels(ModelCatalog catalog, AccountLifecycles account, EmbeddingCatalog embeddings) {
        this.account = account;
        this.catalog = catalog;
        this.embeddings = embeddings;
    }

    ModelListView list() {
        List<ModelObject> data = new ArrayList<>();
        catalog.all().forEach(model -> data.add(view(model)));
        embeddings.all().forEach(model -> data.add(view(model)));
        return new ModelListView("list", data);
    }

    /** One model by alias or id, in every form a chat request accepts; embedding models by alias or id. */
    ModelObject one(String name) {
        java.util.Optional<ModelSpec> chatModel = catalog.find(name);
        if (chatModel.isPresent()) {
            return view(chatModel.get());
        }
        for (EmbeddingModel model : embeddings.all()) {
            if (model.alias().equals(name) || model.modelId().equals(name)) {
                return view(model);
            }
        }
        throw OpenAiException.modelNotFound(
                name, "See GET " + OpenAiRoutes.BASE + "/models for the models you can use.");
    }

    private ModelObject view(ModelSpec model) {
        ModelLifecycle lifecycle = account.facts(model.modelId(), model.lifecycle()).lifecycle();
        if (lifecycle.legacyDate().isEmpty()) {
            return new ModelObject(model.alias(), "model", 0, model.provider());
        }
        return new ModelObject(
                model.alias(),
                "model",
                0,
                model.provider(),
                catalog.state(model).label(),
                lifecycle.legacyDate().get().toString(),
                lifecycle.eolDate().map(Object::toString).orElse(null),
                lifecycle.replacement().orElse(null));
    }

    private static ModelObject view(EmbeddingModel model) {
        return new ModelObject(model.alias(), "model", 0, model.provider());
    }
}
