package dev.parley.handoff;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Lambda's refusals of an {@code Invoke} become Parley errors, in this one place. The messages go
 * to the WebSocket client in an error frame, so they name the problem and the fix but never echo
 * Lambda's own message (an AccessDenied message names the role and the account); that is logged.
 *
 * <p>Lambda answers (API reference, Invoke): 404 {@code ResourceNotFoundException} for a function
 * or alias that does not exist; 403 {@code AccessDeniedException} when the caller's role may not
 * {@code lambda:InvokeFunction}; 429 {@code TooManyRequestsException} when throttled; 413
 * {@code RequestEntityTooLargeException} ("N byte payload is too large for the Event invocation
 * type (limit ... bytes)") over the asynchronous payload limit (1 MB); 5xx when Lambda fails.
 */
final class HandOffErrors {
    private HandOffErrors() {}

    /**
     * The event was certainly not queued, so a retry is safe: Lambda refused it (throttled, or
     * failed itself), or the connection was never made.
     */
    static boolean notQueued(Throwable e) {
        return e instanceof AwsServiceException service
                ? service.statusCode() == 429 || service.statusCode() >= 500
                : unreachable(e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static ParleyException of(SdkException e, String function) {
        if (!(e instanceof AwsServiceException) && unreachable(e)) {
            return new ParleyException(
                    ErrorCode.STREAM_UNAVAILABLE,
                    "the stream could not be started: Lambda could not" + " be reached; try again",
                    java.util.Map.of(),
                    e);
        }
        if (!(e instanceof AwsServiceException service)) {
            // Timed out or broke off: Lambda may still have queued the turn, so it is not retried.
            return new ParleyException(
                    ErrorCode.STREAM_UNAVAILABLE,
                    "the stream may not have started: Lambda did not"
                            + " answer the hand-off in time (the reply may still follow); send the message again if it does"
                            + " not",
                    java.util.Map.of(),
                    e);
        }
        String code =
                service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        int status = service.statusCode();
        if (status == 429 || "TooManyRequestsException".equals(code)) {
            return new ParleyException(
                    ErrorCode.THROTTLED,
                    "the stream could not be started: Lambda throttled the"
                            + " stream function (TooManyRequestsException); try again in a moment",
                    java.util.Map.of(),
                    e);
        }
        if (status == 413
                || "RequestEntityTooLargeException".equals(code)
                || "RequestTooLargeException".equals(code)) {
            return new ParleyException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "the message is too large to hand to the stream"
                            + " function (Lambda's asynchronous invocation payload limit); send a shorter message",
                    java.util.Map.of(),
                    e);
        }
        if (status == 404 || "ResourceNotFoundException".equals(code)) {
            return new ParleyException(
                    ErrorCode.STREAM_UNAVAILABLE,
                    "the stream could not be started: the stream"
                            + " function '"
                            + nameOnly(function)
                            + "' does not exist (ResourceNotFoundException); check"
                            + " parley.websocket.stream-function",
                    java.util.Map.of(),
                    e);
        }
        if (status == 403 || "AccessDeniedException".equals(code)) {
            return new ParleyException(
                    ErrorCode.STREAM_UNAVAILABLE,
                    "the stream could not be started: this function"
                            + " may not invoke the stream function (AccessDeniedException); allow lambda:InvokeFunction on it",
                    java.util.Map.of(),
                    e);
        }
        return new ParleyException(
                ErrorCode.STREAM_UNAVAILABLE,
                "the stream could not be started: Lambda refused"
                        + " the hand-off ("
                        + (code == null ? "HTTP " + status : code)
                        + "); try again",
                java.util.Map.of(),
                e);
    }

    /** The function's name without account or Region, which the client has no business seeing. */
    static String nameOnly(String function) {
        // arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier] or name[:qualifier]
        String[] parts = function.split(":");
        int at = function.startsWith("arn:") && parts.length >= 7 ? 6 : 0;
        return parts.length > at + 1 ? parts[at] + ":" + parts[at + 1] : parts[at];
    }
}
