package dev.parley.http;

import java.util.Map;
import java.util.Optional;

/**
 * Where a streaming route hands pieces of its body (server-sent events) as they are produced.
 * The stream function's runtime ({@code streaming.RuntimeBodyStream}) opens one for every HTTP
 * request it runs and sends each piece as a chunk of Lambda's streamed response; the first piece
 * sends the head: 200, {@code text/event-stream}. Behind the HTTP API (Quarkus's loop, buffered)
 * there is none and the route's whole body is the response.
 */
public interface BodyStream {

    /** The media type of every server-sent event stream Parley writes, whichever dialect. */
    String EVENT_STREAM = "text/event-stream; charset=utf-8";

    /** A sink for this request's body, or empty when the body can only be returned whole. */
    default Optional<Sink> open(HttpRequest request) {
        return open(request, Map.of());
    }

    /**
     * A sink whose head carries {@code headers} too: what the route knows before its first byte
     * (an {@code X-Parley-Warning}, say), which a streamed head cannot learn from the route's
     * returned response, since that is built after the body went out.
     */
    Optional<Sink> open(HttpRequest request, Map<String, String> headers);

    /** Whether this request's response has begun (status and headers sent): a failure can no longer change it. */
    boolean started(HttpRequest request);

    /** Receives the body in order; the route still returns the whole body when it is done. */
    interface Sink {
        /** Sends a piece now; throws when the client is gone, which stops the model's stream. */
        void write(String piece);

        /**
         * The response failed after it started (the error event is already in the body): Lambda is
         * told in the stream's error trailers, so the invocation counts as failed.
         */
        void fail(String errorCode, String message);

        /**
         * Whether the response has begun (its status and headers are sent), by the route's pieces or
         * by a heartbeat: from then on a failure can only be reported in the body.
         */
        boolean started();
    }
}
