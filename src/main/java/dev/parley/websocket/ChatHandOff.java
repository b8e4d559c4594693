package dev.parley.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;

/**
 * A WebSocket chat turn handed from the function that received the message to the stream
 * function, which streams it (Lambda {@code Event} invocation). It carries everything the stream
 * needs and nothing else: where frames go, who the caller is (from the authorizer context the
 * receiving function saw), the message as the client sent it, and the request it came with.
 *
 * <p>On the wire it is a JSON object with the single field {@value #ENVELOPE}, a shape no AWS
 * event source sends (they carry {@code requestContext}, {@code Records}, {@code source} or
 * {@code methodArn}), so the entry point can never mistake one for the other.
 *
 * @param handedOffAt when the receiving function handed the turn off; the stream logs how long it
 *     waited in Lambda's asynchronous queue
 * @param handOffId this hand-off's own id (a random UUID), which the stream function claims once
 *     ({@code store.HandOffClaims}): Lambda may deliver an asynchronous event more than once
 */
public record ChatHandOff(
        String connectionId,
        URI managementEndpoint,
        String caller,
        String body,
        String requestId,
        Instant handedOffAt,
        String handOffId,
        java.util.Optional<String> keyId) {

    /** The one top-level field of a hand-off event. */
    public static final String ENVELOPE = "parleyChatStream";

    /** The shape's version; a stream function refuses versions it does not know. */
    public static final int VERSION = 1;

    /** The turn of {@code event}, handed off now. */
    static ChatHandOff of(WebSocketEvent event, Instant now) {
        return new ChatHandOff(
                event.connectionId(),
                event.managementEndpoint(),
                event.caller(),
                event.body(),
                event.requestId(),
                now,
                java.util.UUID.randomUUID().toString(),
                event.keyId());
    }

    /** The event the stream function is invoked with. */
    public ObjectNode toEvent(ObjectMapper mapper) {
        ObjectNode event = mapper.createObjectNode();
        event.putObject(ENVELOPE)
                .put("version", VERSION)
                .put("connectionId", connectionId)
                .put("managementEndpoint", managementEndpoint.toString())
                .put("caller", caller)
                .put("body", body)
                .put("requestId", requestId)
                .put("handedOffAtEpochMillis", handedOffAt.toEpochMilli())
                .put("handOffId", handOffId);
        keyId.ifPresent(id -> ((ObjectNode) event.get(ENVELOPE)).put("keyId", id));
        return event;
    }
}
