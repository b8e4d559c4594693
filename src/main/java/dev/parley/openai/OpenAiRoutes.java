package dev.parley.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The OpenAI-compatible API under {@code /openai/v1}: a client sets its base URL there and keeps
 * its code. Chat completions (whole or streamed) and the model list; embeddings are in
 * {@link EmbeddingRoutes}. Errors on these paths are in OpenAI's shape ({@link OpenAiErrors}).
 */
@ApplicationScoped
public class OpenAiRoutes implements RouteSet {
    public static final String BASE = "/openai/v1";

    private final ModelCatalog catalog;
    private final ChatCompletions completions;
    private final OpenAiModels models;
    private final JsonBody json;

    OpenAiRoutes(
            ModelCatalog catalog, ChatCompletions completions, OpenAiModels models, JsonBody json) {
        this.catalog = catalog;
        this.completions = completions;
        this.models = models;
        this.json = json;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE + "/chat/completions", this::chatCompletion).streamed(),
                Route.get(BASE + "/models", request -> HttpResponse.ok(models.list())),
                Route.get(
                        BASE + "/models/{model+}",
                        request -> HttpResponse.ok(models.one(request.pathParam("model")))));
    }

    private HttpResponse chatCompletion(HttpRequest request) {
        ObjectNode body = json.object(request);
        String requested = Params.string(body, "model", "model").orElse(null);
        ModelSpec model = resolve(catalog, requested);
        return completions.complete(
                CompletionRequest.from(body, model, requested == null ? model.alias() : requested),
                request);
    }

    /** The catalog's answer, with an unknown model as OpenAI's 404 model_not_found. */
    public static ModelSpec resolve(ModelCatalog catalog, String requested) {
        try {
            return catalog.resolve(requested);
        } catch (ParleyException e) {
            if (e.code() == ErrorCode.MODEL_NOT_ALLOWED) {
                throw OpenAiException.modelNotFound(requested, e.getMessage());
            }
            throw e;
        }
    }
}
