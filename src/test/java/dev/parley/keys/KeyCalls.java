package dev.parley.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import java.util.Map;

/** Requests as the key tests send them: with headers, as a user or an admin. */
final class KeyCalls {
    private KeyCalls() {}

    static ObjectNode event(String method, String path, Object body, Map<String, String> headers) {
        ObjectNode event = Lambda.http(method, path, body);
        ObjectNode eventHeaders = event.with("headers");
        headers.forEach(eventHeaders::put);
        return event;
    }

    static ProxyResult withKey(String method, String path, Object body, String key) {
        return Lambda.invoke(event(method, path, body, Map.of("authorization", "Bearer " + key)));
    }

    static ProxyResult as(String user, String method, String path, Object body) {
        return Lambda.invoke(Lambda.as(user, Lambda.http(method, path, body)));
    }

    /** As a JWT user in the admin group (the claim as HTTP API flattens a list). */
    static ProxyResult asAdmin(String user, String method, String path, Object body) {
        ObjectNode event = Lambda.as(user, Lambda.http(method, path, body));
        ((ObjectNode) event.at("/requestContext/authorizer/jwt/claims"))
                .put("cognito:groups", "[developers " + KeysProfile.ADMIN_GROUP + "]");
        return Lambda.invoke(event);
    }

    /** Creates a key for {@code user} and answers its secret. */
    static String createKey(String user, Object body) {
        ProxyResult created = as(user, "POST", "/v1/keys", body);
        assertEquals(201, created.status(), created.toString());
        return created.body().path("key").asText();
    }
}
