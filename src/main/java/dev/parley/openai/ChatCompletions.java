package dev.parley.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ParleyException;
import dev.parley.http.BodyStream;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.TextBody;
import dev.parley.modelcall.ModelReply;
import dev.parley.openai.CompletionViews.Choice;
import dev.parley.openai.CompletionViews.Completion;
import dev.parley.openai.CompletionViews.UsageView;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.structured.StructuredOutput;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a chat completion through the model pipeline (route {@code openai}, so capability checks,
 * guardrails, caching and the usage ledger apply as on Parley's own routes) and answers it in
 * OpenAI's shape, whole or as server-sent events.
 */
@ApplicationScoped
class ChatCompletions {
    static final String ROUTE = "openai";

    private final ModelPipeline pipeline;
    private final BodyStream bodyStream;
    private final ObjectMapper mapper;
    private final OpenAiErrors errors;
    private final StructuredOutput structured;
    private final Clock clock = Clock.systemUTC();

    ChatCompletions(
            ModelPipeline pipeline,
            BodyStream bodyStream,
            ObjectMapper mapper,
            OpenAiErrors errors,
            StructuredOutput structured) {
        this.pipeline = pipeline;
        this.structured = structured;
        this.bodyStream = bodyStream;
        this.mapper = mapper;
        this.errors = errors;
    }

    HttpResponse complete(CompletionRequest request, HttpRequest http) {
        CallContext context =
                CallContext.of(http.identity(), ROUTE).withServiceTier(request.serviceTier());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = clock.instant().getEpochSecond();
        if (request.stream()) {
            return stream(request, http, context, id, created);
        }
        ModelReply reply = converse(context, request);
        boolean filtered = reply.guardrail().map(g -> g.intervened()).orElse(false);
        return HttpResponse.ok(
                new Completion(
                        id,
                        "chat.completion",
                        created,
                        request.requestedModel(),
                        List.of(
                                new Choice(
                                        0,
                                        CompletionViews.message(reply),
                                        CompletionViews.finishReason(reply.stopReason(), filtered),
                                        null)),
                        UsageView.of(reply.usage()),
                        reply.serviceTierName()));
    }

    /**
     * The stream's events are produced as ConverseStream delivers them and handed to the body
     * stream when there is one (the stream function's runtime); the whole event stream is the
     * response body either way. A failure before the first event is an ordinary error response;
     * after it, an error event ends the stream (the status line is already sent) and the stream's
     * error trailers tell Lambda the invocation failed.
     */
    private HttpResponse stream(
            CompletionRequest request,
            HttpRequest http,
            CallContext context,
            String id,
            long created) {
        Optional<BodyStream.Sink> sink = bodyStream.open(http);
        ChunkWriter chunks =
                new ChunkWriter(
                        mapper,
                        id,
                        created,
                        request.requestedModel(),
                        request.includeUsage(),
                        sink);
        try {
            // A structured answer is validated whole before any of it is sent, then streamed as one
            // delta.
            ModelReply reply =
                    request.format().isPresent()
                            ? converse(context, request)
                            : pipeline.stream(
                                    context, request.call(), chunks, timeout(http.deadline()));
            boolean filtered = reply.guardrail().map(g -> g.intervened()).orElse(false);
            chunks.replayIfSilent(reply);
            chunks.finish(
                    CompletionViews.finishReason(reply.stopReason(), filtered),
                    reply.usage(),
                    reply.serviceTierName());
        } catch (ParleyException e) {
            if (!chunks.started()) {
                throw e;
            }
            chunks.error(errors.of(e, http.requestId()).body());
            sink.ifPresent(s -> s.fail(e.code().code(), e.getMessage()));
        }
        return new HttpResponse(
                200,
                java.util.Map.of("Cache-Control", "no-cache"),
                new TextBody(BodyStream.EVENT_STREAM, chunks.body()));
    }

    private ModelReply converse(CallContext context, CompletionRequest request) {
        return request.format().isPresent()
                ? structured.converse(
                        context, request.call(), request.format().get(), "response_format")
                : pipeline.converse(context, request.call());
    }

    /** The stream may use the invocation's time, less a margin for sending the answer. */
    private Duration timeout(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline).minusSeconds(1);
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }
}
