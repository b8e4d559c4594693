package dev.parley.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.modelcall.ModelSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages API under {@code /anthropic/v1}: a client sets its base URL to
 * {@code {api}/anthropic} (the Anthropic SDKs, Claude Code's {@code ANTHROPIC_BASE_URL}) and keeps
 * its code. Messages (whole or streamed), token counting and the model list; errors on these paths
 * are in Anthropic's shape ({@link AnthropicErrors}). The headers Anthropic's clients send
 * ({@code anthropic-version}, {@code anthropic-beta}, {@code x-api-key}) and Claude Code's
 * {@code ?beta=true} are accepted; none changes the answer (docs/anthropic.md).
 */
@ApplicationScoped
public class AnthropicRoutes implements RouteSet {
    static final String BASE = "/anthropic/v1";

    private final ModelCatalog catalog;
    private final Messages messages;
    private final TokenCounts counts;
    private final JsonBody json;

    AnthropicRoutes(ModelCatalog catalog, Messages messages, TokenCounts counts, JsonBody json) {
        this.catalog = catalog;
        this.messages = messages;
        this.counts = counts;
        this.json = json;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE + "/messages", this::create).streamed(),
                Route.post(BASE + "/messages/count_tokens", this::countTokens),
                Route.get(
                        BASE + "/models",
                        request -> HttpResponse.ok(AnthropicModels.page(catalog.all()))),
                Route.get(
                        BASE + "/models/{model+}",
                        request ->
                                HttpResponse.ok(
                                        AnthropicModels.info(
                                                ModelNames.resolve(
                                                        catalog, request.pathParam("model"))))));
    }

    private HttpResponse create(HttpRequest request) {
        ObjectNode body = json.object(request);
        String requested = Fields.requiredString(body, "model", "");
        ModelSpec model = ModelNames.resolve(catalog, requested);
        return messages.create(MessagesRequest.from(body, model, requested), request);
    }

    private HttpResponse countTokens(HttpRequest request) {
        ObjectNode body = json.object(request);
        String requested = Fields.requiredString(body, "model", "");
        ModelSpec model = ModelNames.resolve(catalog, requested);
        TokenCounts.Counted counted =
                counts.count(MessagesRequest.forCount(body, model, requested), request.identity());
        return new HttpResponse(
                200,
                Map.of(
                        TokenCounts.SOURCE_HEADER,
                        counted.source(),
                        "request-id",
                        request.requestId()),
                counted.count());
    }
}
