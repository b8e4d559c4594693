package dev.parley.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.caching.ResponseCache;
import dev.parley.caching.ResponseCachePolicy;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.RawJson;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.invoke.MeteredInvoke;
import dev.parley.keys.KeyStage;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.LifecycleFacts;
import dev.parley.modelcall.ModelLifecycle;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ServiceTier;
import dev.parley.pipeline.CallContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v1/models} (the allow-list) and {@code POST /v1/models/{model}/invoke} (Invoke Model passthrough). */
@ApplicationScoped
public class ModelRoutes implements RouteSet {

    /**
     * One allowed model: limits, capabilities (from the feature matrix) and lifecycle: its state
     * today ({@code active} / {@code legacy} / {@code retired}), the dates behind it and the
     * replacement to move to (absent for a model without announced dates).
     */
    @RegisterForReflection
    public record ModelView(
            String id,
            String modelId,
            String provider,
            @JsonProperty("default") boolean isDefault,
            int maxOutputTokens,
            int contextTokens,
            String lifecycle,
            @JsonInclude(JsonInclude.Include.NON_NULL) String legacyDate,
            @JsonInclude(JsonInclude.Include.NON_NULL) String eolDate,
            @JsonInclude(JsonInclude.Include.NON_NULL) String replacement,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> lifecycleSources,
            @JsonInclude(JsonInclude.Include.NON_NULL) AccountView account,
            ModelSpec.Capabilities capabilities) {}

    /**
     * What the account said about the model at the last catalog refresh: Bedrock's lifecycle status
     * ({@code ACTIVE}, {@code LEGACY}, or absent when the Region does not list it), whether it can be
     * called and why not, and when that was checked.
     */
    @RegisterForReflection
    public record AccountView(
            @JsonInclude(JsonInclude.Include.NON_NULL) String status,
            boolean callable,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems,
            String checkedAt) {}

    @RegisterForReflection
    public record ModelList(List<ModelView> models, String defaultModel) {}

    static final String INVOKE_ROUTE = "invoke";

    private final ModelCatalog catalog;
    private final AccountLifecycles account;
    private final MeteredInvoke invoke;
    private final KeyStage keys;
    private final JsonBody json;

    private final ResponseCache cache;
    private final ResponseCachePolicy cachePolicy;

    ModelRoutes(
            ModelCatalog catalog,
            AccountLifecycles account,
            MeteredInvoke invoke,
            JsonBody json,
            ResponseCache cache,
            ResponseCachePolicy cachePolicy,
            KeyStage keys) {
        this.keys = keys;
        this.cache = cache;
        this.cachePolicy = cachePolicy;
        this.catalog = catalog;
        this.account = account;
        this.invoke = invoke;
        this.json = json;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/models", request -> HttpResponse.ok(list())),
                Route.get(
                        "/v1/models/{model}",
                        request -> HttpResponse.ok(one(request.pathParam("model")))),
                Route.post("/v1/models/{model}/invoke", this::invoke));
    }

    private ModelList list() {
        return new ModelList(
                catalog.all().stream().map(this::view).toList(), catalog.defaultModel().alias());
    }

    /**
     * One model by any name a request accepts (alias, catalog id, bare id, another geography's
     * profile); what a legacy model's {@code Link: rel="successor-version"} points at.
     */
    private ModelView one(String name) {
        return catalog.find(name)
                .map(this::view)
                .orElseThrow(
                        () ->
                                ParleyException.notFound(
                                        "no model '"
                                                + name
                                                + "' in the catalog; see GET /v1/models"));
    }

    private ModelView view(ModelSpec m) {
        LifecycleFacts facts = account.facts(m.modelId(), m.lifecycle());
        ModelLifecycle lifecycle = facts.lifecycle();
        Map<String, String> sources = new LinkedHashMap<>();
        facts.legacySource().ifPresent(source -> sources.put("legacyDate", source));
        facts.eolSource().ifPresent(source -> sources.put("eolDate", source));
        AccountView account =
                facts.account()
                        .map(
                                report ->
                                        new AccountView(
                                                report.status(),
                                                report.callable(),
                                                report.problems(),
                                                report.checkedAt().toString()))
                        .orElse(null);
        return new ModelView(
                m.alias(),
                m.modelId(),
                m.provider(),
                m.equals(catalog.defaultModel()),
                m.maxOutputTokens(),
                m.contextTokens(),
                catalog.state(m).label(),
                lifecycle.legacyDate().map(Object::toString).orElse(null),
                lifecycle.eolDate().map(Object::toString).orElse(null),
                lifecycle.replacement().orElse(null),
                sources,
                account,
                m.capabilities());
    }

    private HttpResponse invoke(HttpRequest request) {
        ModelSpec model = catalog.resolve(request.pathParam("model"));
        // Not a Converse call, so the pipeline's key stage does not see it: an API key's model list
        // and budgets are checked here, before the response cache too.
        CallContext context = CallContext.of(request.identity(), INVOKE_ROUTE);
        keys.admit(context, model);
        // Parsed to reject what is not a JSON object (and to find its temperature); the model gets
        // the body byte for byte.
        JsonNode body = json.object(request);
        // InvokeModel is outside the model call pipeline; the same policy decides whether it
        // shares the response cache.
        CallContext.ResponseCaching caching =
                cachePolicy.decide(context, ResponseCachePolicy.invokeTemperature(body));
        if (caching == CallContext.ResponseCaching.OFF) {
            return HttpResponse.ok(new RawJson(invoke(request, model)))
                    .withHeader("X-Parley-Model-Id", model.modelId());
        }
        ResponseCache.InvokeAnswer answer =
                cache.invoke(
                        request.caller(),
                        model.modelId(),
                        body,
                        caching == CallContext.ResponseCaching.REFRESH,
                        () -> invoke(request, model));
        cachePolicy.record(context, answer.hit());
        return HttpResponse.ok(new RawJson(answer.body()))
                .withHeader("X-Parley-Model-Id", model.modelId());
    }

    /** Invoke Model is outside the Converse pipeline: MeteredInvoke adds the budget, the ledger and the metrics. */
    private String invoke(HttpRequest request, ModelSpec model) {
        // The body is the model's own; Bedrock's service tier comes as ?serviceTier= (priority,
        // default, flex).
        Optional<ServiceTier> tier =
                request.queryParam("serviceTier")
                        .map(
                                name ->
                                        ServiceTier.parse(name)
                                                .orElseThrow(
                                                        () ->
                                                                ParleyException.validation(
                                                                        "serviceTier must be one of "
                                                                                + ServiceTier
                                                                                        .names()
                                                                                + ", got '"
                                                                                + name
                                                                                + "'")));
        return invoke.call(
                        CallContext.of(request.identity(), INVOKE_ROUTE).withServiceTier(tier),
                        model,
                        request.body(),
                        true)
                .body();
    }
}
