package dev.parley.compare;

import dev.parley.bedrock.ModelCallPool;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ParleyException;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.ErrorResponses;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.http.UnknownFields;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code POST /v1/compare}: the same request to several models at once; one failure does not fail the rest. */
@ApplicationScoped
public class CompareRoutes implements RouteSet {
    private final ModelCatalog catalog;
    private final ModelPipeline pipeline;
    private final ModelCallPool pool;
    private final JsonBody json;
    private final HttpSettings limits;
    private final CompareSettings settings;

    CompareRoutes(
            ModelCatalog catalog,
            ModelPipeline pipeline,
            ModelCallPool pool,
            JsonBody json,
            HttpSettings limits,
            CompareSettings settings) {
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.pool = pool;
        this.json = json;
        this.limits = limits;
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/v1/compare", this::compare));
    }

    private HttpResponse compare(HttpRequest request) {
        JsonFields body = json.fields(request);
        CompareRequest compare =
                CompareRequest.from(body, limits.maxTextChars(), settings.maxModels());
        // Resolve and check every model before calling any, so a typo costs no tokens.
        List<ModelCall> calls =
                compare.models().stream()
                        .map(catalog::resolve)
                        .map(
                                model ->
                                        new ModelCall(
                                                        model,
                                                        compare.system(),
                                                        List.of(
                                                                ChatMessage.user(
                                                                        compare.message())),
                                                        compare.inference().checkedFor(model))
                                                .withReasoningBudget(compare.reasoningBudget()))
                        .toList();
        CallContext context =
                CallContext.of(request.identity(), "compare")
                        .withServiceTier(ModelCallFields.serviceTier(body));
        List<CompletableFuture<ComparisonResult>> running =
                calls.stream()
                        .map(call -> pool.submit(() -> run(context, call, request.requestId())))
                        .toList();
        List<ComparisonResult> results = running.stream().map(CompletableFuture::join).toList();
        return UnknownFields.warn(
                HttpResponse.ok(new ComparisonResult.Comparison(results)),
                body,
                CompareRequest.FIELDS);
    }

    private ComparisonResult run(CallContext context, ModelCall call, String requestId) {
        ModelSpec model = call.model();
        long started = System.nanoTime();
        try {
            ModelReply reply = pipeline.converse(context, call);
            return new ComparisonResult(
                    model.alias(),
                    model.modelId(),
                    reply.text(),
                    reply.reasoning().isEmpty() ? null : reply.reasoning(),
                    reply.stopReason(),
                    reply.usage(),
                    reply.latencyMs(),
                    null,
                    GuardrailView.of(reply.guardrail()),
                    reply.cached(),
                    reply.serviceTierName());
        } catch (ParleyException failure) {
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            return new ComparisonResult(
                    model.alias(),
                    model.modelId(),
                    null,
                    null,
                    null,
                    null,
                    elapsed,
                    ErrorResponses.detail(failure, requestId),
                    null,
                    null,
                    null);
        }
    }
}
