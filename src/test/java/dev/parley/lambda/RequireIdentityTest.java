package dev.parley.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code parley.http.require-identity} (the template's AuthMode=JWT), anonymous callers get 401. */
@QuarkusTest
@TestProfile(RequireIdentityTest.Profile.class)
class RequireIdentityTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.http.require-identity", "true");
        }
    }

    @Test
    void anonymousCallerIs401() {
        ProxyResult result = Lambda.get("/v1/conversations");
        assertEquals(401, result.status());
        assertEquals("unauthorized", result.errorCode());
    }

    @Test
    void healthStaysOpenToAnonymousCallers() {
        // API Gateway leaves GET /v1/health without the JWT authorizer; the function must too.
        ProxyResult health = Lambda.get("/v1/health");
        assertEquals(200, health.status(), health.toString());
        assertEquals("ok", health.body().path("status").asText());
        // Only health: another GET on the same API still needs an identity.
        assertEquals(401, Lambda.get("/v1/models").status());
    }

    @Test
    void anonymousWebSocketConnectIsRefused() {
        assertEquals(
                401,
                Lambda.invoke(Lambda.event("websocket-connect.json"))
                        .raw()
                        .path("statusCode")
                        .asInt());
        com.fasterxml.jackson.databind.node.ObjectNode withIdentity =
                Lambda.event("websocket-connect.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) withIdentity.get("requestContext"))
                .putObject("authorizer")
                .put("principalId", "alice");
        assertEquals(200, Lambda.invoke(withIdentity).raw().path("statusCode").asInt());
    }

    @Test
    void authenticatedCallerPasses() {
        ProxyResult result =
                Lambda.invoke(Lambda.as("alice", Lambda.http("GET", "/v1/conversations", null)));
        assertEquals(200, result.status(), result.toString());
    }
}
