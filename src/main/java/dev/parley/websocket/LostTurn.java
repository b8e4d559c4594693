package dev.parley.websocket;

import java.util.Optional;

/**
 * A handed-off chat turn that Lambda accepted but the stream function never completed, from
 * Lambda's on-failure record of the asynchronous invocation (its {@code requestPayload} is the
 * hand-off). The stream reports every failure it sees in an error frame and returns normally, so
 * such a record means it could not: the event expired in Lambda's queue ({@code EventAgeExceeded},
 * e.g. throttled past the maximum event age) or the invocation failed ({@code RetriesExhausted}:
 * a crash, an out-of-memory exit, a timeout).
 *
 * @param event the turn as the hand-off described it (connection, caller, request id)
 * @param condition Lambda's {@code requestContext.condition}
 * @param errorType the function's {@code responsePayload.errorType}, when it ran and failed
 */
public record LostTurn(WebSocketEvent event, String condition, Optional<String> errorType) {

    /** The condition of a record Lambda sends for a successful invocation (an on-success destination). */
    public static final String SUCCESS = "Success";
}
