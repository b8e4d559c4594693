package dev.parley.websocket;

import java.net.URI;
import java.time.Instant;

/**
 * A WebSocket API event in Parley's terms.
 *
 * @param kind connect, message or disconnect
 * @param route the route API Gateway selected ({@code $connect}, {@code chat}, {@code $default}, ...)
 * @param managementEndpoint where frames for this connection are posted ({@code https://{domain}/{stage}})
 * @param keyId the API key the connection was authorized with ({@code ?token=pk_...}), if any
 */
public record WebSocketEvent(
        Kind kind,
        String route,
        String connectionId,
        String body,
        String caller,
        URI managementEndpoint,
        String requestId,
        Instant deadline,
        java.util.Optional<String> keyId) {

    public WebSocketEvent {
        keyId = keyId == null ? java.util.Optional.empty() : keyId;
    }

    /** An event of a connection authorized without an API key. */
    public WebSocketEvent(
            Kind kind,
            String route,
            String connectionId,
            String body,
            String caller,
            URI managementEndpoint,
            String requestId,
            Instant deadline) {
        this(
                kind,
                route,
                connectionId,
                body,
                caller,
                managementEndpoint,
                requestId,
                deadline,
                java.util.Optional.empty());
    }

    public enum Kind {
        CONNECT,
        MESSAGE,
        DISCONNECT
    }
}
