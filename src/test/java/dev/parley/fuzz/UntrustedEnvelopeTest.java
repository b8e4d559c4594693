package dev.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope fields the fuzz test found breaking things, each answered with a clear 400. */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class UntrustedEnvelopeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "domainName|prod%E0%A4%A.example.com|requestContext.domainName is not a host name",
                "domainName|evil.example/steal?x=|requestContext.domainName is not a host name",
                "domainName|user@evil.example|requestContext.domainName is not a host name",
                "stage|prod%E0%A4%A|requestContext.stage is not a stage name",
                "stage|prod/../other|requestContext.stage is not a stage name",
                "connectionId|../../@connections/other|requestContext.connectionId is not a connection id"
            })
    void aWebSocketEventThatNamesNoUsableConnectionIs400(
            String field, String value, String message) {
        Frames.control().reset();
        for (String sample :
                new String[] {
                    "websocket-chat.json", "websocket-connect.json", "websocket-disconnect.json"
                }) {
            ObjectNode event = Lambda.event(sample);
            ((ObjectNode) event.get("requestContext")).put(field, value);
            ProxyResult result = Lambda.invoke(event);
            assertEquals(400, result.raw().path("statusCode").asInt(), sample + ": " + result);
            JsonNode error = result.body().path("error");
            assertEquals("bad_request", error.path("code").asText(), result.toString());
            assertEquals(message, error.path("message").asText(), result.toString());
        }
        assertTrue(
                Frames.control().frames("L8mXkcCyIAMCLJA=").isEmpty(), "no frame posted anywhere");
    }

    @ParameterizedTest(name = "rawPath {0}")
    @ValueSource(
            strings = {
                "/v1/conversations/%zz",
                "/v1/documents/uploads%2",
                "v1/health",
                "/v1/health\u0000"
            })
    void aPathThatIsNoUrlPathIs400(String path) {
        ObjectNode event = Lambda.http("GET", "/v1/health", null);
        event.put("rawPath", path);
        ProxyResult result = Lambda.invoke(event);
        assertEquals(400, result.status(), result.toString());
        assertEquals("bad_request", result.errorCode());
    }

    @ParameterizedTest(name = "method {0}")
    @ValueSource(strings = {"", "GET /v1/health", "GE\u0000T", "42"})
    void aMethodThatIsNoMethodIs400(String method) {
        ObjectNode event = Lambda.http("GET", "/v1/health", null);
        ((ObjectNode) event.at("/requestContext/http")).put("method", method);
        ProxyResult result = Lambda.invoke(event);
        assertEquals(400, result.status(), result.toString());
    }

    @ParameterizedTest(name = "sub of {0} chars")
    @ValueSource(ints = {1025, 100_000})
    void anUnusableCallerIdentityIsRefusedNotMistakenForAnother(int length) {
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                "a".repeat(length),
                                Lambda.http("POST", "/v1/chat", Map.of("message", "hi"))));
        assertEquals(400, result.status(), result.toString());
        assertEquals("bad_request", result.errorCode());
    }
}
