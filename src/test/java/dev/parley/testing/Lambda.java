package dev.parley.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes the function the way Lambda does, through Quarkus's mock event server, with the events
 * in the repository's {@code events/} folder (the same files {@code sam local invoke -e} takes).
 */
public final class Lambda {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Lambda() {}

    /** An event from {@code events/}, as a mutable tree. */
    public static ObjectNode event(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("events", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API 2.0 event for {@code method path} with a JSON body (null for none). */
    public static ObjectNode http(String method, String pathAndQuery, Object body) {
        ObjectNode event = event("health.json");
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (q >= 0) {
            String rawQuery = pathAndQuery.substring(q + 1);
            event.put("rawQueryString", rawQuery);
            ObjectNode params = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                        kv[0],
                        kv.length > 1
                                ? java.net.URLDecoder.decode(
                                        kv[1], java.nio.charset.StandardCharsets.UTF_8)
                                : "");
            }
        }
        event.put("rawPath", path);
        event.put("routeKey", "$default");
        ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
        http.put("method", method);
        http.put("path", path);
        if (body == null) {
            event.remove("body");
        } else {
            event.put("body", body instanceof String s ? s : JSON.valueToTree(body).toString());
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The event, as if an HTTP API JWT authorizer had verified a token whose {@code sub} is {@code user}. */
    public static ObjectNode as(String user, ObjectNode event) {
        ((ObjectNode) event.get("requestContext"))
                .putObject("authorizer")
                .putObject("jwt")
                .putObject("claims")
                .put("sub", user);
        return event;
    }

    /** A WebSocket MESSAGE event on {@code connectionId} with {@code body}, from {@code user} (null: anonymous). */
    public static ObjectNode webSocketMessage(String connectionId, String user, Object body) {
        ObjectNode event = event("websocket-chat.json");
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("connectionId", connectionId);
        String text = body instanceof String s ? s : JSON.valueToTree(body).toString();
        event.put("body", text);
        // API Gateway's route selection: $request.body.action.
        String route = "$default";
        try {
            if ("chat".equals(JSON.readTree(text).path("action").asText())) {
                route = "chat";
            }
        } catch (IOException notJson) {
            // stays $default, as in API Gateway
        }
        context.put("routeKey", route);
        if (user != null) {
            context.putObject("authorizer").put("principalId", user);
        }
        return event;
    }

    /**
     * Invokes the function and waits for what the invocation started asynchronously (a WebSocket
     * chat turn handed to the stream function) to run too, so its frames and stored turn are there
     * when this returns. {@link #invokeOnly} does not wait.
     */
    public static ProxyResult invoke(JsonNode event) {
        ProxyResult result = invokeOnly(event);
        if (!HandOffs.control().awaitIdle(java.time.Duration.ofSeconds(90))) {
            throw new IllegalStateException("a handed-off invocation did not finish within 90 s");
        }
        return result;
    }

    /** Invokes the function and returns its answer, without waiting for invocations it handed off. */
    public static ProxyResult invokeOnly(JsonNode event) {
        String raw =
                given().contentType("application/json")
                        .body(event.toString())
                        .when()
                        .post()
                        .then()
                        .extract()
                        .asString();
        try {
            return new ProxyResult(JSON.readTree(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProxyResult get(String path) {
        return invoke(http("GET", path, null));
    }

    public static ProxyResult post(String path, Object body) {
        return invoke(http("POST", path, body));
    }

    /** The function's proxy-integration answer, with its JSON body parsed. */
    public record ProxyResult(JsonNode raw) {

        public int status() {
            return raw.path("statusCode").asInt();
        }

        public String header(String name) {
            return raw.path("headers").path(name).asText(null);
        }

        public JsonNode body() {
            try {
                String body = raw.path("body").asText("");
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String errorCode() {
            return body().path("error").path("code").asText(null);
        }

        public String errorMessage() {
            return body().path("error").path("message").asText(null);
        }

        @Override
        public String toString() {
            return raw.toString();
        }
    }
}
