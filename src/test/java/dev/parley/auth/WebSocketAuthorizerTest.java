package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.TestJwks;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The WebSocket API's REQUEST authorizer: the same JWT as the HTTP API, the same caller afterwards. */
@QuarkusTest
class WebSocketAuthorizerTest {
    static final String METHOD_ARN =
            "arn:aws:execute-api:us-east-1:123456789012:abc123ws/prod/$connect";

    static JwtClaims claims(String sub) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(TestJwks.ISSUER);
        claims.setAudience(TestJwks.AUDIENCE);
        claims.setSubject(sub);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        return claims;
    }

    static String sign(JwtClaims claims, boolean otherKey) {
        Path keyFile =
                Path.of(
                        ConfigProvider.getConfig()
                                .getValue(TestJwks.KEY_FILE_PROPERTY, String.class));
        return TestJwks.sign(keyFile, claims, otherKey);
    }

    static JsonNode authorize(String token) {
        ObjectNode event = Lambda.JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", METHOD_ARN);
        if (token != null) {
            event.putObject("queryStringParameters").put("token", token);
        }
        event.putObject("requestContext").put("routeKey", "$connect").put("eventType", "CONNECT");
        return Lambda.invoke(event).raw();
    }

    /** A TOKEN authorizer call, as the streaming REST API makes it with the Authorization header. */
    static JsonNode authorizeHeader(String header) {
        ObjectNode event = Lambda.JSON.createObjectNode();
        event.put("type", "TOKEN");
        event.put("methodArn", METHOD_ARN);
        event.put("authorizationToken", header);
        return Lambda.invoke(event).raw();
    }

    @Test
    void theStreamingApisTokenAuthorizerChecksTheSameJwt() {
        assertDecision(
                authorizeHeader("Bearer " + sign(claims("erin-sub"), false)), "Allow", "erin-sub");
        assertDecision(
                authorizeHeader("bearer " + sign(claims("erin-sub"), false)), "Allow", "erin-sub");
        assertDecision(authorizeHeader("Bearer not.a.jwt"), "Deny", "anonymous");
    }

    static void assertDecision(JsonNode policy, String effect, String principal) {
        assertEquals(
                effect,
                policy.at("/policyDocument/Statement/0/Effect").asText(),
                policy.toString());
        assertEquals(METHOD_ARN, policy.at("/policyDocument/Statement/0/Resource").asText());
        assertEquals(principal, policy.path("principalId").asText());
    }

    @Test
    void aValidTokenIsAllowedAsItsSubject() {
        assertDecision(authorize(sign(claims("alice-sub"), false)), "Allow", "alice-sub");
    }

    @Test
    void cognitoAccessTokensMatchByClientId() {
        JwtClaims claims = claims("bob-sub");
        claims.setAudience(List.of());
        claims.setClaim("client_id", TestJwks.AUDIENCE);
        assertDecision(authorize(sign(claims, false)), "Allow", "bob-sub");
    }

    @Test
    void invalidTokensAreDenied() {
        JwtClaims expired = claims("carol");
        expired.setExpirationTimeMinutesInTheFuture(-10);
        JwtClaims wrongAudience = claims("carol");
        wrongAudience.setAudience("someone-else");
        JwtClaims wrongIssuer = claims("carol");
        wrongIssuer.setIssuer("https://evil.example");
        for (String token :
                List.of(
                        sign(expired, false),
                        sign(wrongAudience, false),
                        sign(wrongIssuer, false),
                        sign(claims("carol"), true),
                        "not.a.jwt",
                        "")) {
            assertDecision(authorize(token), "Deny", "anonymous");
        }
        assertDecision(authorize(null), "Deny", "anonymous");
    }

    @Test
    void theAuthorizedSubjectIsTheCallerOnBothApis() {
        Emulator.control().reset();
        String sub = "dana-" + UUID.randomUUID();
        String principal = authorize(sign(claims(sub), false)).path("principalId").asText();
        // API Gateway passes the authorizer's principalId on every event of the connection.
        ObjectNode message =
                Lambda.webSocketMessage(
                        "conn-" + UUID.randomUUID(),
                        principal,
                        Map.of("action", "chat", "message", "Hello over the socket"));
        assertEquals(200, Lambda.invoke(message).raw().path("statusCode").asInt());
        // The HTTP API's JWT authorizer gives the same sub: the conversation is there.
        JsonNode listing =
                Lambda.invoke(Lambda.as(sub, Lambda.http("GET", "/v1/conversations", null))).body();
        assertEquals(1, listing.path("conversations").size(), listing.toString());
    }
}
