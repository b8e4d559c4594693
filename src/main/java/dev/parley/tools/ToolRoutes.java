package dev.parley.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.http.UnknownFields;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/tools} (what the model may use) and {@code POST /v1/tools} (a stateless question answered with tools). */
@ApplicationScoped
public class ToolRoutes implements RouteSet {

    @RegisterForReflection
    public record ToolView(String name, String description, JsonNode inputSchema) {}

    @RegisterForReflection
    public record ToolList(List<ToolView> tools) {}

    /** {@code reasoning} only when the model reasoned (the reasoning of every model answer of the loop). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolAnswer(
            String reply,
            String reasoning,
            List<ToolCall> toolCalls,
            int iterations,
            String stopReason,
            Usage usage,
            long latencyMs,
            String model,
            String modelId,
            GuardrailView guardrail,
            String serviceTier) {}

    private final ToolRegistry registry;
    private final ToolLoop loop;
    private final ModelCatalog catalog;
    private final JsonBody json;
    private final HttpSettings limits;
    private final int defaultMaxTokens;

    ToolRoutes(
            ToolRegistry registry,
            ToolLoop loop,
            ModelCatalog catalog,
            JsonBody json,
            HttpSettings limits,
            ToolSettings settings) {
        this.registry = registry;
        this.loop = loop;
        this.catalog = catalog;
        this.json = json;
        this.limits = limits;
        this.defaultMaxTokens = settings.defaultMaxTokens();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(
                        "/v1/tools",
                        request ->
                                HttpResponse.ok(
                                        new ToolList(
                                                registry.all().stream()
                                                        .map(
                                                                tool ->
                                                                        new ToolView(
                                                                                tool.name(),
                                                                                tool.description(),
                                                                                tool.inputSchema()))
                                                        .toList()))),
                Route.post("/v1/tools", this::run));
    }

    private HttpResponse run(HttpRequest request) {
        JsonFields body = json.fields(request);
        ToolRequest ask = ToolRequest.from(body, limits.maxTextChars());
        ModelSpec model = catalog.resolve(ask.model().orElse(null));
        ToolRun run =
                loop.run(
                        new ToolLoop.Request(
                                model,
                                ask.system(),
                                List.of(ChatMessage.user(ask.message())),
                                ask.inference()
                                        .checkedFor(model)
                                        .withDefaultMaxTokens(defaultMaxTokens, model),
                                registry.offer(ask.tools(), ask.toolChoice(), model),
                                new ToolContext(request.identity(), request.deadline()),
                                "tools",
                                ask.reasoningBudget(),
                                ask.serviceTier(),
                                Optional.empty()));
        return UnknownFields.warn(
                HttpResponse.ok(
                        new ToolAnswer(
                                run.reply(),
                                run.reasoning().isEmpty() ? null : run.reasoning(),
                                run.calls(),
                                run.iterations(),
                                run.stopReason(),
                                run.usage(),
                                run.latencyMs(),
                                model.alias(),
                                model.modelId(),
                                GuardrailView.of(run.guardrail()),
                                run.serviceTier())),
                body,
                ToolRequest.FIELDS);
    }
}
