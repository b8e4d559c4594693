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

    LambdaStreamHandOff(LambdaClient lambda, ObjectMapper mapper) {
        this.lambda = lambda;
        this.mapper = mapper;
    }

    @Override
    public void handOff(String function, ChatHandOff turn) {
        byte[] payload;
        try {
            payload = mapper.writeValueAsBytes(turn.toEvent(mapper));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a hand-off is plain JSON", impossible);
        }
        InvokeResponse response;
        try {
            response = lambda.invoke(invoke -> invoke.functionName(function).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArrayUnsafe(payload)));
        } catch (SdkException e) {
            LOG.warnf("handing turn %s to %s failed: %s", turn.requestId(), function, e.getMessage());
            throw HandOffErrors.of(e, function);
        }
        if (response.statusCode() == null || response.statusCode() != QUEUED) {
            LOG.warnf("handing turn %s to %s: Lambda answered %s, not 202", turn.requestId(), function,
                    response.statusCode());
            throw new ParleyException(ErrorCode.STREAM_UNAVAILABLE, "the stream could not be started: Lambda did not"
                    + " queue the hand-off (status " + response.statusCode() + ")");
        }
    }
}
