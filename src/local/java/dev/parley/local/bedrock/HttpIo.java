package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/** Writing responses the way Bedrock Runtime frames them. */
final class HttpIo {

    private HttpIo() {}

    static void json(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = Json.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * A Bedrock error: the status of the error shape, {@code x-amzn-ErrorType} naming it (the
     * SDKs pick the typed exception from this header) and a {@code {"message": ...}} body.
     */
    static void error(HttpExchange exchange, ErrorType type, String message) throws IOException {
        json(
                exchange,
                type.status(),
                Json.object().put("message", message),
                Map.of("x-amzn-ErrorType", type.wireName()));
    }

    /** Starts a 200 chunked event-stream response. */
    static EventStreamWriter eventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        return new EventStreamWriter(exchange.getResponseBody());
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
