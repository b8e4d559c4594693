package dev.parley.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.websocket.ChatHandOff;
import dev.parley.websocket.StreamHandOff;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Hands a chat turn to the stream function with Lambda's {@code Invoke}, {@code InvocationType=Event}:
 * Lambda queues the event and answers 202 at once; the stream function then runs with its own
 * timeout (up to 15 minutes), posting frames through the Management API.
 */
@ApplicationScoped
class LambdaStreamHandOff implements StreamHandOff {
    private static final Logger LOG = Logger.getLogger(LambdaStreamHandOff.class);

    /** What Lambda answers an accepted {@code Event} invocation. */
    private static final int QUEUED = 202;

    private final LambdaClient lambda;
    private final ObjectMapper mapper;
    private final HandOffSettings settings;

    LambdaStreamHandOff(LambdaClient lambda, ObjectMapper mapper, HandOffSettings settings) {
        this.lambda = lambda;
        this.mapper = mapper;
        this.settings = settings;
    }

    @Override
    public void handOff(String function, ChatHandOff turn) {
        byte[] payload;
        try {
            payload = mapper.writeValueAsBytes(turn.toEvent(mapper));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a hand-off is plain JSON", impossible);
        }
        InvokeResponse response = invoke(function, turn, SdkBytes.fromByteArrayUnsafe(payload));
        if (response.statusCode() == null || response.statusCode() != QUEUED) {
            LOG.warnf(
                    "handing turn %s to %s: Lambda answered %s, not 202",
                    turn.requestId(), function, response.statusCode());
            throw new ParleyException(
                    ErrorCode.STREAM_UNAVAILABLE,
                    "the stream could not be started: Lambda did not"
                            + " queue the hand-off (status "
                            + response.statusCode()
                            + ")");
        }
    }

    /**
     * Retries only what Lambda refused outright (429, 5xx: the event was not queued), with a short
     * backoff. An attempt that timed out or broke off after sending may have been queued, and a
     * retried Event invocation would then stream the turn twice: that hand-off fails instead. (The
     * SDK's own retry strategies retry such attempts, so the client makes one attempt per call.)
     */
    private InvokeResponse invoke(String function, ChatHandOff turn, SdkBytes payload) {
        for (int attempt = 1; ; attempt++) {
            try {
                return lambda.invoke(
                        invoke ->
                                invoke.functionName(function)
                                        .invocationType(InvocationType.EVENT)
                                        .payload(payload));
            } catch (SdkException e) {
                if (attempt < settings.maxAttempts()
                        && HandOffErrors.notQueued(e)
                        && pause(attempt)) {
                    continue;
                }
                LOG.warnf(
                        "handing turn %s to %s failed (attempt %d): %s",
                        turn.requestId(), function, attempt, e.getMessage());
                throw HandOffErrors.of(e, function);
            }
        }
    }

    /** Exponential backoff with full jitter: up to 100 ms, 200 ms, ... at most 1 s. */
    private static boolean pause(int attempt) {
        long ceiling = Math.min(1_000, 100L << Math.min(attempt - 1, 4));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
