package dev.parley.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.time.Instant;

/** What every event handler needs from the Lambda context: the invocation's id and its deadline. */
public record Invocation(String requestId, Instant deadline) {

    /** Without a context (a direct call), there is no Lambda timeout; a generous one stands in. */
    private static final Duration NO_CONTEXT_BUDGET = Duration.ofMinutes(15);

    static Invocation of(Context context) {
        if (context == null) {
            return new Invocation("local", Instant.now().plus(NO_CONTEXT_BUDGET));
        }
        return new Invocation(context.getAwsRequestId(),
                Instant.now().plusMillis(Math.max(0, context.getRemainingTimeInMillis())));
    }
}
