package dev.parley.websocket;

import java.net.URI;
import java.time.Instant;

/**
 * A WebSocket API event in Parley's terms.
 *
 * @param kind connect, message or disconnect
 * @param route the route API Gateway selected ({@code $connect}, {@code chat}, {@code $default}, ...)
 * @param managementEndpoint where frames for this connection are posted ({@code https://{domain}/{stage}})
 */
public record WebSocketEvent(Kind kind, String route, String connectionId, String body, String caller,
        URI managementEndpoint, String requestId, Instant deadline) {

    public enum Kind {
        CONNECT,
        MESSAGE,
        DISCONNECT
    }
}
