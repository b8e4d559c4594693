package dev.parley.lambda;

import dev.parley.http.HttpRequest;

/**
 * The kinds of event the one entry point understands. Adding an event source is adding a record
 * here, a branch in {@link EventDecoder} and a branch in {@link ParleyHandler}.
 */
public sealed interface LambdaEvent {

    /** An HTTP request from an HTTP API (2.0), a REST API (1.0) or a Function URL. */
    record Http(HttpRequest request) implements LambdaEvent {
    }

    /** An HTTP request whose envelope is broken (e.g. a body flagged base64 that is not); answered 400. */
    record MalformedHttp(String requestId, String problem) implements LambdaEvent {
    }

    /** Something Parley does not handle; {@code reason} says what was expected. */
    record Unrecognized(String reason) implements LambdaEvent {
    }
}
