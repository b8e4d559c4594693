package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ParleyException;
import dev.parley.http.BodyStream;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.TextBody;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.openai.OpenAiErrors;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.TurnOrder;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.store.ResponseStore;
import dev.parley.store.StoredResponse;
import dev.parley.structured.StructuredOutput;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a response: reads the previous response's context, maps the input and tools, runs the
 * call through the model pipeline (route {@code openai.responses}: capability checks, keys and
 * budgets, guardrails, caching, the ledger and metrics apply), answers whole or as typed events,
 * and stores the response for {@code previous_response_id} unless {@code store: false}. Nothing is
 * stored for a call that failed.
 */
@ApplicationScoped
class ResponseService {
    static final String ROUTE = "openai.responses";

    /** Names the tools Parley left out of the model's tools (a response header and a metadata key). */
    static final String SKIPPED_HEADER = "X-Parley-Warning";

    static final String SKIPPED_METADATA = "parley_skipped_tools";

    private final ModelPipeline pipeline;
    private final StructuredOutput structured;
    private final ResponseStore store;
    private final ReasoningSeal seal;
    private final BodyStream bodyStream;
    private final OpenAiErrors errors;
    private final ResponsesSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    ResponseService(
            ModelPipeline pipeline,
            StructuredOutput structured,
            ResponseStore store,
            ReasoningSeal seal,
            BodyStream bodyStream,
            OpenAiErrors errors,
            ResponsesSettings settings,
            ObjectMapper mapper) {
        this.pipeline = pipeline;
        this.structured = structured;
        this.store = store;
        this.seal = seal;
        this.bodyStream = bodyStream;
        this.errors = errors;
        this.settings = settings;
        this.mapper = mapper;
    }

    /** What a create needs beyond the request: the turns, tools, and the items a continuation will read. */
    private record Prepared(
            ModelCall call, ResponseTools tools, ArrayNode items, ObjectNode response) {}

    HttpResponse create(
            ObjectNode body,
            ResponseRequest request,
            dev.parley.modelcall.ModelSpec model,
            HttpRequest http) {
        String owner = http.caller();
        Prepared prepared = prepare(body, request, model, owner);
        CallContext context =
                CallContext.of(http.identity(), ROUTE)
                        .withServiceTier(request.serviceTier())
                        .forResponse(prepared.response().path("id").asText());
        if (request.stream()) {
            return stream(request, prepared, context, http);
        }
        ModelReply reply = converse(context, prepared, request);
        ObjectNode finished = complete(request, prepared, reply, List.of(), owner);
        HttpResponse response = HttpResponse.ok(finished);
        return prepared.tools().skipped().isEmpty()
                ? response
                : response.withHeader(SKIPPED_HEADER, skippedWarning(prepared.tools().skipped()));
    }

    private Prepared prepare(
            ObjectNode body,
            ResponseRequest request,
            dev.parley.modelcall.ModelSpec model,
            String owner) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        if (request.previousResponseId().isPresent()) {
            String previous = request.previousResponseId().get();
            StoredResponse stored =
                    store.find(previous, owner)
                            .orElseThrow(
                                    () ->
                                            OpenAiException.notFound(
                                                    "previous_response_id",
                                                    "Previous response with id '"
                                                            + previous
                                                            + "' not found."));
            items.addAll((ArrayNode) read(stored.contextJson()));
        }
        int newFrom = items.size();
        items.addAll(InputItems.normalize(body.get("input")));
        InputItems.Transcript transcript = InputItems.map(items, newFrom, model, seal, owner);
        ResponseTools tools = ResponseTools.from(body, model);
        Optional<String> system = join(request.instructions(), transcript.system());
        List<ChatMessage> messages =
                tools.options().isEmpty() && TurnOrder.hasToolBlocks(transcript.messages())
                        ? TurnOrder.withToolBlocksAsText(transcript.messages())
                        : transcript.messages();
        ModelCall call =
                request.withReasoning(
                        new ModelCall(
                                model, system, messages, request.inference(), tools.options()));
        ObjectNode metadata = request.metadata().deepCopy();
        if (!tools.skipped().isEmpty()) {
            metadata.put(SKIPPED_METADATA, String.join(",", tools.skipped()));
        }
        ObjectNode response =
                ResponseJson.response(
                        ResponseJson.newId("resp_"),
                        clock.instant().getEpochSecond(),
                        "in_progress",
                        request,
                        tools,
                        metadata,
                        body.hasNonNull("tool_choice")
                                ? body.get("tool_choice")
                                : JsonNodeFactory.instance.textNode("auto"));
        return new Prepared(call, tools, items, response);
    }

    private ModelReply converse(CallContext context, Prepared prepared, ResponseRequest request) {
        return request.format().isPresent()
                ? structured.converse(
                        context, prepared.call(), request.format().get(), "text.format")
                : pipeline.converse(context, prepared.call());
    }

    /** The finished response; stored (with the context a continuation reads) unless store is false. */
    private ObjectNode complete(
            ResponseRequest request,
            Prepared prepared,
            ModelReply reply,
            List<String> ids,
            String owner) {
        boolean filtered = reply.guardrail().map(g -> g.intervened()).orElse(false);
        ArrayNode output =
                ResponseJson.output(
                        reply,
                        ids,
                        request.includeEncryptedReasoning()
                                ? block -> seal.seal(block, owner)
                                : null);
        ObjectNode finished =
                ResponseJson.finish(prepared.response().deepCopy(), output, reply, filtered);
        // A turn a guardrail blocked is answered but not kept, as chat keeps no blocked turn.
        if (request.store() && !filtered) {
            ArrayNode context = prepared.items().deepCopy();
            // The stored context always carries sealed reasoning: a continuation replays it to
            // Bedrock.
            context.addAll(ResponseJson.output(reply, ids, block -> seal.seal(block, owner)));
            Instant now = clock.instant();
            store.put(
                    new StoredResponse(
                            finished.get("id").asText(),
                            owner,
                            finished.toString(),
                            context.toString(),
                            now,
                            now.plus(settings.retention())));
        }
        return finished;
    }

    /**
     * Events are produced as ConverseStream delivers them and handed to the body stream when there
     * is one; a failure before the first event is an ordinary error response, after it
     * {@code response.failed} and {@code error} end the stream. A structured answer is validated
     * whole first, then sent as one delta.
     */
    private HttpResponse stream(
            ResponseRequest request, Prepared prepared, CallContext context, HttpRequest http) {
        // The skipped tools are known before the first byte: a deployed stream's own head names
        // them too.
        Map<String, String> warning =
                prepared.tools().skipped().isEmpty()
                        ? Map.of()
                        : Map.of(SKIPPED_HEADER, skippedWarning(prepared.tools().skipped()));
        Optional<BodyStream.Sink> sink = bodyStream.open(http, warning);
        ResponseEvents events = new ResponseEvents(prepared.response(), sink);
        try {
            ModelReply reply =
                    request.format().isPresent()
                            ? converse(context, prepared, request)
                            : pipeline.stream(
                                    context, prepared.call(), events, timeout(http.deadline()));
            events.replayIfSilent(reply);
            events.finish(complete(request, prepared, reply, events.ids(), http.caller()));
        } catch (ParleyException e) {
            if (!events.started()) {
                throw e;
            }
            HttpResponse error = errors.of(e, http.requestId());
            String code =
                    error.body() instanceof OpenAiErrors.ErrorBody body
                                    && body.error().code() != null
                            ? body.error().code()
                            : e.code().code();
            events.fail(code, e.getMessage());
            sink.ifPresent(s -> s.fail(e.code().code(), e.getMessage()));
        }
        HttpResponse response =
                new HttpResponse(
                        200,
                        Map.of("Cache-Control", "no-cache"),
                        new TextBody(BodyStream.EVENT_STREAM, events.body()));
        return prepared.tools().skipped().isEmpty()
                ? response
                : response.withHeader(SKIPPED_HEADER, skippedWarning(prepared.tools().skipped()));
    }

    static String skippedWarning(List<String> skipped) {
        return "tools left out (Parley cannot run them): " + String.join(", ", skipped);
    }

    private static Optional<String> join(Optional<String> instructions, Optional<String> system) {
        if (instructions.isPresent() && system.isPresent()) {
            return Optional.of(instructions.get() + "\n\n" + system.get());
        }
        return instructions.isPresent() ? instructions : system;
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored response is not valid JSON", e);
        }
    }

    /** The stream may use the invocation's time, less a margin for sending the answer. */
    private Duration timeout(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline).minusSeconds(1);
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }
}
