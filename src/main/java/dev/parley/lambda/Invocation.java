package dev.parley.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.time.Instant;

/** What every event handler needs from the Lambda context: the invocation's id and its deadline. */
public record Invocation(String requestId, Instant deadline) {

    /** Lambda's own maximum timeout; a larger or non-positive remaining time is not a real deadline. */
    private static final long MAX_LAMBDA_MILLIS = Duration.ofMinutes(15).toMillis();

    /**
     * @param fallback the budget when the context carries no deadline: Quarkus's mock event server
     *     (dev and test mode) sends none, and a direct call has no context at all
     */
    static Invocation of(Context context, Duration fallback) {
        String requestId = context == null ? "local" : context.getAwsRequestId();
        long remaining = context == null ? -1 : context.getRemainingTimeInMillis();
        Instant now = Instant.now();
        Instant deadline =
                remaining > 0 && remaining <= MAX_LAMBDA_MILLIS
                        ? now.plusMillis(remaining)
                        : now.plus(fallback);
        return new Invocation(requestId, deadline);
    }
}
