package dev.parley.http;

import java.util.Optional;

/**
 * Where a streaming route can hand pieces of its body as they are produced. Behind API Gateway's
 * HTTP API a Lambda response cannot be streamed, so the production bean ({@link NoBodyStream})
 * opens none and the whole body is returned at the end. The local run replaces it (src/local), so
 * a client of the local gateway sees the pieces as they come.
 */
public interface BodyStream {

    /** A sink for this request's body, or empty when the body can only be returned whole. */
    Optional<Sink> open(HttpRequest request);

    /** Receives the body in order; the route still returns the whole body when it is done. */
    interface Sink {
        void write(String piece);
    }
}
