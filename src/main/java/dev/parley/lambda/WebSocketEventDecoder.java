package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.websocket.WebSocketEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Turns API Gateway WebSocket events into {@link WebSocketEvent}s. */
final class WebSocketEventDecoder {
    private WebSocketEventDecoder() {
    }

    static boolean isWebSocket(JsonNode event) {
        JsonNode context = event.path("requestContext");
        return context.hasNonNull("connectionId") && context.hasNonNull("eventType");
    }

    static LambdaEvent decode(JsonNode event, Invocation invocation) {
        JsonNode context = event.path("requestContext");
        WebSocketEvent.Kind kind = switch (context.path("eventType").asText()) {
            case "CONNECT" -> WebSocketEvent.Kind.CONNECT;
            case "DISCONNECT" -> WebSocketEvent.Kind.DISCONNECT;
            case "MESSAGE" -> WebSocketEvent.Kind.MESSAGE;
            default -> null;
        };
        if (kind == null) {
            return new LambdaEvent.Unrecognized("WebSocket eventType '" + context.path("eventType").asText()
                    + "' is not CONNECT, MESSAGE or DISCONNECT");
        }
        String body = event.path("body").isTextual() ? event.path("body").textValue() : "";
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                body = "";
            }
        }
        // The Management API of a connection lives at https://{domainName}/{stage}.
        URI management = URI.create("https://" + context.path("domainName").asText() + "/"
                + context.path("stage").asText());
        return new LambdaEvent.WebSocket(new WebSocketEvent(kind, context.path("routeKey").asText("$default"),
                context.path("connectionId").asText(), body, CallerIdentity.of(context), management,
                context.path("requestId").asText(invocation.requestId()), invocation.deadline()));
    }
}
