package dev.parley.lambda;

import static dev.parley.testing.Lambda.event;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The entry point: event recognition, routing, envelopes, and errors that never crash. */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class EntryPointTest {

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void httpApiEventIsRouted() {
        ProxyResult result = invoke(event("health.json"));
        assertEquals(200, result.status(), result.toString());
        assertEquals("ok", result.body().path("status").asText());
        assertTrue(result.header("Content-Type").startsWith("application/json"));
        assertEquals("JKJaXmPLvHcESHA=", result.header("X-Request-Id"));
    }

    @Test
    void restApiV1EventIsRouted() {
        ProxyResult result = invoke(event("rest-api-v1-summarize.json"));
        assertEquals(200, result.status(), result.toString());
        assertFalse(result.body().path("summary").asText().isBlank());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", result.header("X-Request-Id"));
    }

    @Test
    void functionUrlEventIsRouted() {
        ProxyResult result = invoke(event("function-url-summarize.json"));
        assertEquals(200, result.status(), result.toString());
        assertEquals("detailed", result.body().path("style").asText());
    }

    @Test
    void base64BodyIsDecoded() {
        ProxyResult result = invoke(event("summarize-base64.json"));
        assertEquals(200, result.status(), result.toString());
        assertEquals("one-sentence", result.body().path("style").asText());
        JsonNode call = Emulator.control().calls().get(0);
        String prompt = call.at("/body/messages/0/content/0/text").asText();
        assertTrue(prompt.contains("Cross-region inference profiles"), prompt);
    }

    @Test
    void invalidBase64IsBadRequest() {
        ObjectNode event = event("summarize.json");
        event.put("isBase64Encoded", true);
        event.put("body", "%%% not base64 %%%");
        ProxyResult result = invoke(event);
        assertEquals(400, result.status());
        assertEquals("bad_request", result.errorCode());
    }

    @Test
    void malformedEscapeInTheQueryStringIsBadRequest() {
        // HTTP API passes a query string it cannot decode on as sent.
        ObjectNode event = Lambda.http("GET", "/v1/conversations", null);
        event.put("rawQueryString", "cursor=%%%");
        event.putObject("queryStringParameters").put("cursor", "%%%");
        ProxyResult result = invoke(event);
        assertEquals(400, result.status(), result.toString());
        assertEquals("bad_request", result.errorCode());
        assertTrue(result.errorMessage().contains("query string"), result.errorMessage());
    }

    @Test
    void namedStageIsStrippedFromRawPath() {
        ObjectNode event = event("health.json");
        event.put("rawPath", "/prod/v1/health");
        ((ObjectNode) event.get("requestContext")).put("stage", "prod");
        assertEquals(200, invoke(event).status());
    }

    @Test
    void unknownRouteIs404() {
        ProxyResult result = Lambda.get("/v1/nothing-here");
        assertEquals(404, result.status());
        assertEquals("not_found", result.errorCode());
        assertEquals("JKJaXmPLvHcESHA=", result.body().path("error").path("requestId").asText());
    }

    @Test
    void wrongMethodIs405WithAllow() {
        ProxyResult result = Lambda.invoke(Lambda.http("DELETE", "/v1/summarize", null));
        assertEquals(405, result.status());
        assertEquals("method_not_allowed", result.errorCode());
        assertEquals("POST", result.header("Allow"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        ProxyResult result = Lambda.post("/v1/summarize", "{\"text\": ");
        assertEquals(400, result.status());
        assertEquals("bad_request", result.errorCode());
        assertTrue(result.errorMessage().contains("not valid JSON"), result.errorMessage());
    }

    @Test
    void nonObjectJsonIsBadRequest() {
        ProxyResult result = Lambda.post("/v1/summarize", "[1, 2, 3]");
        assertEquals(400, result.status());
        assertEquals("bad_request", result.errorCode());
        assertTrue(result.errorMessage().contains("must be a JSON object"), result.errorMessage());
    }

    @Test
    void emptyBodyIsBadRequest() {
        ProxyResult result = Lambda.post("/v1/summarize", "");
        assertEquals(400, result.status());
        assertEquals("bad_request", result.errorCode());
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"text\": \"" + "a".repeat(1_100_000) + "\"}";
        ProxyResult result = Lambda.post("/v1/summarize", huge);
        assertEquals(413, result.status());
        assertEquals("payload_too_large", result.errorCode());
    }

    @Test
    void unrecognizedEventGetsClearErrorNotCrash() {
        ProxyResult result = invoke(Lambda.JSON.createObjectNode().put("hello", "world"));
        JsonNode error = result.raw().path("error");
        assertEquals("unsupported_event", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("HTTP API"), error.toString());
    }

    @Test
    void nonObjectEventGetsClearError() {
        ProxyResult result = invoke(Lambda.JSON.valueToTree(new int[] {1, 2}));
        assertEquals("unsupported_event", result.raw().path("error").path("code").asText());
    }

    @Test
    void base64EventBodiesDecodeUtf8() {
        ObjectNode event = Lambda.http("POST", "/v1/summarize", null);
        String body =
                "{\"text\": \"Zürich liegt am Zürichsee. Es ist die größte Stadt der Schweiz.\"}";
        event.put(
                "body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        ProxyResult result = invoke(event);
        assertEquals(200, result.status(), result.toString());
        assertNotNull(result.body().path("summary").asText(null));
        String prompt =
                Emulator.control().calls().get(0).at("/body/messages/0/content/0/text").asText();
        assertTrue(prompt.contains("Zürichsee"), prompt);
    }
}
