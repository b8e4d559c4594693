package dev.parley.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ParleyException;
import dev.parley.http.BodyStream;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.TextBody;
import dev.parley.modelcall.ModelReply;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a Messages API request through the model pipeline (route {@value #ROUTE}, so capability
 * checks, budgets, guardrails, prompt caching, the ledger and metrics apply as on every route) and
 * answers it in Anthropic's shape, whole or as server-sent events.
 */
@ApplicationScoped
class Messages {
    static final String ROUTE = "anthropic";
    static final String WARNING = "X-Parley-Warning";

    private final ModelPipeline pipeline;
    private final BodyStream bodyStream;
    private final ObjectMapper mapper;
    private final AnthropicErrors errors;
    private final Clock clock = Clock.systemUTC();

    Messages(
            ModelPipeline pipeline,
            BodyStream bodyStream,
            ObjectMapper mapper,
            AnthropicErrors errors) {
        this.pipeline = pipeline;
        this.bodyStream = bodyStream;
        this.mapper = mapper;
        this.errors = errors;
    }

    HttpResponse create(MessagesRequest request, HttpRequest http) {
        // The identity (not only its id) so that the call carries its API key: key limits and
        // invocation tags.
        CallContext context =
                CallContext.of(http.identity(), ROUTE).withServiceTier(request.serviceTier());
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        if (request.stream()) {
            return stream(request, http, context, id);
        }
        ModelReply reply = pipeline.converse(context, request.call());
        return new HttpResponse(
                200,
                headers(request, http),
                MessageViews.message(id, request.requestedModel(), reply));
    }

    /**
     * Events are produced as ConverseStream delivers them and handed to the body stream when there
     * is one (the stream function's runtime); the whole event stream is the body either way. A
     * failure before the first event is an ordinary error response; after it, Anthropic's error
     * event ends the stream and the stream's error trailers tell Lambda the invocation failed.
     */
    private HttpResponse stream(
            MessagesRequest request, HttpRequest http, CallContext context, String id) {
        // The warnings are known before the first byte: a deployed stream's own head carries them
        // too.
        Map<String, String> headers = headers(request, http);
        Optional<BodyStream.Sink> sink = bodyStream.open(http, headers);
        EventWriter events = new EventWriter(mapper, id, request.requestedModel(), sink);
        try {
            ModelReply reply =
                    pipeline.stream(context, request.call(), events, timeout(http.deadline()));
            events.replayIfSilent(reply);
            events.finish(reply);
        } catch (ParleyException e) {
            if (!events.started()) {
                throw e;
            }
            events.error(errors.body(e, http.requestId()));
            sink.ifPresent(s -> s.fail(e.code().code(), AnthropicErrors.message(e)));
        }
        headers.put("Cache-Control", "no-cache");
        return new HttpResponse(200, headers, new TextBody(BodyStream.EVENT_STREAM, events.body()));
    }

    /** Anthropic's {@code request-id}, and what Parley left out or lowered. */
    private static Map<String, String> headers(MessagesRequest request, HttpRequest http) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", http.requestId());
        if (!request.warnings().isEmpty()) {
            headers.put(WARNING, String.join("; ", request.warnings()));
        }
        return headers;
    }

    /** The stream may use the invocation's time, less a margin for sending the answer. */
    private Duration timeout(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline).minusSeconds(1);
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }
}
