package dev.parley.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.lambda.ParleyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The stream function's runtime loop, in place of Quarkus's (which cannot stream): take the next
 * invocation, run it through the one entry point ({@link ParleyHandler}), answer it. An HTTP
 * request is always answered in the Runtime API's streaming mode with the HTTP integration prelude
 * (API Gateway's STREAM integration and Function URLs in RESPONSE_STREAM mode expect it); a route
 * that streams its body ({@code http.BodyStream}) sends pieces while it runs, any other response
 * is sent whole through the same stream when the handler returns. Every other event (the
 * WebSocket hand-off, anything unexpected) is answered buffered, as Quarkus's loop would.
 */
@ApplicationScoped
public class StreamRuntime {
    private static final Logger LOG = Logger.getLogger(StreamRuntime.class);

    /** The invocation the current thread runs; routes reach its stream through {@link RuntimeBodyStream}. */
    private static final ThreadLocal<ResponseStream> CURRENT = new ThreadLocal<>();

    /**
     * Where the invocation's X-Ray trace header goes. Lambda's runtimes publish it as the
     * {@code _X_AMZN_TRACE_ID} environment variable, which a Java process cannot set; the AWS SDK's
     * trace interceptor (and Quarkus's own loop) read this system property instead, so model and
     * table calls join the invocation's trace.
     */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final ParleyHandler handler;
    private final ObjectMapper mapper;
    private final Cors cors;

    /** The post-response work of an invocation, run before the loop asks for the next one. */
    private final Runnable afterEachInvocation;

    /** Ends the process after a {@link VirtualMachineError} (tests record it instead). */
    private final Consumer<VirtualMachineError> fatal;

    @Inject
    StreamRuntime(
            ParleyHandler handler, ObjectMapper mapper, Cors cors, AfterResponse afterResponse) {
        this(handler, mapper, cors, afterResponse::drain, StreamRuntime::exit);
    }

    StreamRuntime(
            ParleyHandler handler, ObjectMapper mapper, Cors cors, Runnable afterEachInvocation) {
        this(handler, mapper, cors, afterEachInvocation, StreamRuntime::exit);
    }

    StreamRuntime(
            ParleyHandler handler,
            ObjectMapper mapper,
            Cors cors,
            Runnable afterEachInvocation,
            Consumer<VirtualMachineError> fatal) {
        this.fatal = fatal;
        this.handler = handler;
        this.mapper = mapper;
        this.cors = cors;
        this.afterEachInvocation = afterEachInvocation;
    }

    /** The response stream of the invocation running on this thread, if it is an HTTP request. */
    static Optional<ResponseStream> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Takes and answers invocations on the calling thread while {@code running} says so. Nothing
     * that escapes one iteration ends the loop (a dead loop would leave every later invocation of
     * this environment unanswered until the function's timeout), except a {@link VirtualMachineError}:
     * after an OutOfMemoryError or a StackOverflowError the JVM's state cannot be trusted, so the
     * process ends, as the Lambda runtime interface client does, and Lambda starts a fresh one.
     */
    public void run(RuntimeApi api, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                RuntimeApi.Next next;
                try {
                    next = api.next();
                } catch (IOException e) {
                    if (!running.getAsBoolean()) {
                        return;
                    }
                    LOG.warnf("invocation/next failed: %s", e.toString());
                    pause();
                    continue;
                }
                invoke(api, next);
            } catch (VirtualMachineError e) {
                fatal.accept(e);
                return;
            } catch (Throwable e) {
                if (!running.getAsBoolean()) {
                    return;
                }
                LOG.errorf(e, "the runtime loop failed outside an invocation; it goes on");
                pause();
            }
        }
    }

    /** Runs one invocation and answers it, whatever it throws; does not throw itself. */
    public void invoke(RuntimeApi api, RuntimeApi.Next next) {
        MDC.put("AWSRequestId", next.requestId());
        if (next.traceId() != null && !next.traceId().isBlank()) {
            System.setProperty(TRACE_HEADER_PROPERTY, next.traceId());
        } else {
            System.clearProperty(TRACE_HEADER_PROPERTY);
        }
        ResponseStream stream = null;
        try {
            JsonNode event = mapper.readTree(next.event());
            if (isHttp(event)) {
                Optional<String> origin = header(event, "origin");
                if ("OPTIONS".equalsIgnoreCase(method(event))) {
                    // A CORS preflight (the streaming API routes OPTIONS here when CORS is
                    // configured).
                    stream = new ResponseStream(api, next.requestId(), mapper);
                    stream.start(204, cors.preflight(origin), List.of(), new byte[0]);
                    stream.finish();
                    return;
                }
                stream = new ResponseStream(api, next.requestId(), mapper);
                stream.headers(cors.response(origin));
                CURRENT.set(stream);
            }
            JsonNode result = handler.handleRequest(event, new RuntimeContext(next));
            if (stream == null) {
                api.respond(next.requestId(), mapper.writeValueAsBytes(result));
            } else {
                complete(stream, result);
            }
        } catch (ResponseStream.Gone e) {
            // Not the function's failure: nothing more can reach a client that left
            // (docs/streaming.md).
            LOG.infof(
                    "the client went away before the response ended (request %s): %s",
                    next.requestId(), e.getMessage());
        } catch (Throwable e) {
            // Errors too (NoClassDefFoundError...): the invocation is answered and the loop goes
            // on,
            // instead of the thread dying with the invocation unanswered. A VirtualMachineError is
            // answered too, then ends the loop and the process (see run).
            fail(api, next.requestId(), stream, e);
            if (e instanceof VirtualMachineError vmError) {
                throw vmError;
            }
        } finally {
            CURRENT.remove();
            // The response is sent (or the client is gone): the ledger and cache writes run now,
            // before the loop asks for the next invocation and Lambda may freeze the environment.
            afterEachInvocation.run();
            MDC.remove("AWSRequestId");
        }
    }

    /** The handler's proxy result: sent whole if nothing was streamed, otherwise the stream is ended. */
    private void complete(ResponseStream stream, JsonNode result) {
        int status = result.path("statusCode").asInt(500);
        if (!stream.started()) {
            stream.start(status, headers(result), cookies(result), body(result));
        } else if (status >= 500) {
            // The route failed unexpectedly after its stream began (the router logged it): the
            // status line is gone, so Lambda hears of it in the trailers.
            stream.fail(
                    "internal_error",
                    "the route failed after its response started (status " + status + ")");
        }
        stream.finish();
    }

    private void fail(RuntimeApi api, String requestId, ResponseStream stream, Throwable e) {
        LOG.errorf(e, "invocation %s failed", requestId);
        try {
            // An opened POST is the only way left to answer, even before the head: its trailers.
            if (stream != null && !stream.abandonUnopened()) {
                stream.fail(
                        e.getClass().getSimpleName(),
                        "the response failed after it started; see the logs");
                stream.finish();
            } else {
                api.error(
                        requestId,
                        e.getClass().getSimpleName(),
                        "the invocation failed; see the logs");
            }
        } catch (Throwable reported) {
            LOG.warnf(
                    "could not report the failure of invocation %s: %s",
                    requestId, reported.toString());
        }
    }

    /** Halts at once: shutdown hooks could need the memory or the stack that just ran out. */
    private static void exit(VirtualMachineError e) {
        LOG.fatalf(e, "the stream runtime ends the process after %s", e.getClass().getSimpleName());
        Runtime.getRuntime().halt(1);
    }

    /**
     * An API Gateway (HTTP API 2.0 or REST 1.0) or Function URL request, by the same fields
     * {@code lambda.EventDecoder} recognises them by.
     */
    static boolean isHttp(JsonNode event) {
        JsonNode context = event.path("requestContext");
        return context.path("http").has("method")
                || (event.has("httpMethod") && context.isObject());
    }

    private static String method(JsonNode event) {
        JsonNode v2 = event.path("requestContext").path("http").path("method");
        return v2.isTextual() ? v2.textValue() : event.path("httpMethod").asText("");
    }

    /** A request header, whatever the case of its name in the event. */
    private static Optional<String> header(JsonNode event, String name) {
        var fields = event.path("headers").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return Optional.of(field.getValue().textValue());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> headers(JsonNode result) {
        Map<String, String> headers = new LinkedHashMap<>();
        result.path("headers")
                .fields()
                .forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
        return headers;
    }

    private static List<String> cookies(JsonNode result) {
        List<String> cookies = new ArrayList<>();
        result.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        return cookies;
    }

    private static byte[] body(JsonNode result) {
        String body = result.path("body").asText("");
        return result.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
