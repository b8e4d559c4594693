package dev.parley.summarize;

import dev.parley.bedrock.ModelCatalog;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.http.UnknownFields;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@code POST /v1/summarize}: one Converse call with the summarization prompt. */
@ApplicationScoped
public class SummarizeRoutes implements RouteSet {
    private final ModelCatalog catalog;
    private final ModelPipeline pipeline;
    private final JsonBody json;
    private final SummarizeSettings settings;
    private final HttpSettings limits;

    SummarizeRoutes(
            ModelCatalog catalog,
            ModelPipeline pipeline,
            JsonBody json,
            SummarizeSettings settings,
            HttpSettings limits) {
        this.limits = limits;
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/v1/summarize", this::summarize));
    }

    private HttpResponse summarize(HttpRequest request) {
        JsonFields body = json.fields(request);
        SummarizeRequest summarize = SummarizeRequest.from(body, limits.maxTextChars());
        ModelSpec model = catalog.resolve(summarize.model().orElse(null));
        ModelReply reply =
                pipeline.converse(
                        CallContext.of(request.identity(), "summarize")
                                .withServiceTier(ModelCallFields.serviceTier(body)),
                        new ModelCall(
                                model,
                                Optional.of(SummaryPrompt.SYSTEM),
                                List.of(
                                        SummaryPrompt.userMessage(
                                                summarize.text(), summarize.style())),
                                summarize
                                        .inference()
                                        .checkedFor(model)
                                        .withDefaultMaxTokens(settings.defaultMaxTokens(), model)));
        HttpResponse summary =
                HttpResponse.ok(
                        new Summary(
                                reply.text(),
                                summarize.style().wireName(),
                                model.alias(),
                                model.modelId(),
                                reply.stopReason(),
                                reply.usage(),
                                reply.latencyMs(),
                                GuardrailView.of(reply.guardrail()),
                                reply.cached(),
                                reply.serviceTierName()));
        return UnknownFields.warn(summary, body, SummarizeRequest.FIELDS);
    }
}
