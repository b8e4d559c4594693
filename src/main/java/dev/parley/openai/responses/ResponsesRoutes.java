package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.modelcall.ModelSpec;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.OpenAiRoutes;
import dev.parley.openai.Params;
import dev.parley.store.ResponseStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * OpenAI's Responses API under {@code /openai/v1}: create a response (whole or streamed), read or
 * delete a stored one. Stored responses belong to their owner; another owner's id is a 404, as an
 * absent one is. Errors are in OpenAI's shape (the {@code /openai/} prefix, see OpenAiErrors).
 */
@ApplicationScoped
public class ResponsesRoutes implements RouteSet {
    private static final String PATH = OpenAiRoutes.BASE + "/responses";

    private final ModelCatalog catalog;
    private final ResponseService service;
    private final ResponseStore store;
    private final JsonBody json;
    private final ObjectMapper mapper;

    ResponsesRoutes(
            ModelCatalog catalog,
            ResponseService service,
            ResponseStore store,
            JsonBody json,
            ObjectMapper mapper) {
        this.catalog = catalog;
        this.service = service;
        this.store = store;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(PATH, this::create).streamed(),
                Route.get(PATH + "/{id}", this::get),
                Route.delete(PATH + "/{id}", this::delete));
    }

    private HttpResponse create(HttpRequest request) {
        ObjectNode body = json.object(request);
        String requested = Params.requiredString(body, "model", "model");
        ModelSpec model = OpenAiRoutes.resolve(catalog, requested);
        return service.create(body, ResponseRequest.from(body, model, requested), model, request);
    }

    private HttpResponse get(HttpRequest request) {
        String id = request.pathParam("id");
        return store.find(id, request.caller())
                .map(stored -> HttpResponse.ok(read(stored.responseJson())))
                .orElseThrow(() -> notFound(id));
    }

    private HttpResponse delete(HttpRequest request) {
        String id = request.pathParam("id");
        if (!store.delete(id, request.caller())) {
            throw notFound(id);
        }
        return HttpResponse.ok(
                JsonNodeFactory.instance
                        .objectNode()
                        .put("id", id)
                        .put("object", "response")
                        .put("deleted", true));
    }

    private static OpenAiException notFound(String id) {
        return OpenAiException.notFound("response_id", "Response with id '" + id + "' not found.");
    }

    private Object read(String stored) {
        try {
            return mapper.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("a stored response is not valid JSON", e);
        }
    }
}
