package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the events an API Gateway WebSocket API sends its Lambda integration: {@code $connect},
 * a message on the route its route selection expression ({@code $request.body.action}) picks, and
 * {@code $disconnect}. Local only: the caller named on connect is put where a Lambda authorizer
 * would put it ({@code requestContext.authorizer.principalId}) on every event of the connection.
 */
final class WebSocketApiEvents {
    static final String STAGE = "local";

    /** The route keys the template defines besides $connect, $disconnect and $default. */
    private static final List<String> ROUTES = List.of("chat");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What API Gateway knows about a connection once it is open. */
    record Connection(
            String id,
            String domainName,
            long connectedAt,
            String user,
            String sourceIp,
            String userAgent) {

        /** A connection id shaped like API Gateway's (base64, safe in a URL path). */
        static String newId() {
            byte[] bytes = new byte[9];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    private final ObjectMapper mapper;

    WebSocketApiEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param headers the upgrade request's headers (without the local user header) */
    ObjectNode connect(
            Connection connection,
            Map<String, List<String>> headers,
            Map<String, List<String>> query) {
        ObjectNode event = mapper.createObjectNode();
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach(
                (name, values) -> {
                    single.put(name, values.get(values.size() - 1));
                    values.forEach(multi.putArray(name)::add);
                });
        if (!query.isEmpty()) {
            ObjectNode singleQuery = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            query.forEach(
                    (name, values) -> {
                        singleQuery.put(name, values.get(values.size() - 1));
                        values.forEach(multiQuery.putArray(name)::add);
                    });
        }
        context(event, connection, "CONNECT", "$connect");
        event.put("isBase64Encoded", false);
        return event;
    }

    ObjectNode message(Connection connection, String body) {
        ObjectNode event = mapper.createObjectNode();
        context(event, connection, "MESSAGE", route(body))
                .put("messageId", UUID.randomUUID().toString());
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    ObjectNode disconnect(Connection connection, int statusCode, String reason) {
        ObjectNode event = mapper.createObjectNode();
        context(event, connection, "DISCONNECT", "$disconnect")
                .put("disconnectStatusCode", statusCode)
                .put("disconnectReason", reason == null ? "" : reason);
        event.put("isBase64Encoded", false);
        return event;
    }

    /**
     * The route API Gateway selects with {@code $request.body.action}: the action's route when the
     * message is a JSON object whose action names a defined route, else {@code $default}.
     */
    String route(String body) {
        try {
            JsonNode action = mapper.readTree(body).path("action");
            if (action.isValueNode() && ROUTES.contains(action.asText())) {
                return action.asText();
            }
        } catch (IOException notJson) {
            // not JSON: $default, as in API Gateway
        }
        return "$default";
    }

    private static ObjectNode context(
            ObjectNode event, Connection connection, String eventType, String routeKey) {
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", HttpApiEvents.API_GATEWAY_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", STAGE);
        context.put("connectedAt", connection.connectedAt());
        context.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", connection.sourceIp());
        identity.put("userAgent", connection.userAgent());
        context.put("requestId", requestId);
        context.put("domainName", connection.domainName());
        context.put("connectionId", connection.id());
        context.put("apiId", "local");
        if (connection.user() != null) {
            context.putObject("authorizer").put("principalId", connection.user());
        }
        return context;
    }
}
