package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streaming API's CORS answers, the HTTP API's policy applied by the function. */
class CorsTest {

    @Test
    void anAllowedOriginIsEchoedWithTheExposedHeaders() {
        Cors cors =
                new Cors(
                        List.of("https://app.example.com", " https://admin.example.com "),
                        List.of("anthropic-version", "anthropic-beta"));
        Map<String, String> headers = cors.response(Optional.of("https://admin.example.com"));
        assertEquals("https://admin.example.com", headers.get("Access-Control-Allow-Origin"));
        assertEquals("Origin", headers.get("Vary"));
        assertTrue(headers.get("Access-Control-Expose-Headers").contains("x-request-id"));
        Map<String, String> preflight = cors.preflight(Optional.of("https://app.example.com"));
        assertEquals("POST,OPTIONS", preflight.get("Access-Control-Allow-Methods"));
        assertEquals(
                "content-type,authorization,cache-control,x-api-key,anthropic-version,anthropic-beta",
                preflight.get("Access-Control-Allow-Headers"),
                "a key may come as x-api-key (Anthropic SDKs)");
        assertEquals("600", preflight.get("Access-Control-Max-Age"));
    }

    @Test
    void otherOriginsAndNoConfigurationGetNoCorsHeaders() {
        Cors cors = new Cors(List.of("https://app.example.com"), List.of());
        assertEquals(Map.of(), cors.response(Optional.of("https://evil.example")));
        assertEquals(Map.of(), cors.preflight(Optional.of("https://evil.example")));
        assertEquals(Map.of(), cors.response(Optional.empty()));
        assertEquals(
                Map.of(),
                new Cors(List.of(), List.of()).response(Optional.of("https://app.example.com")));
    }

    @Test
    void aWildcardAllowsEveryOriginWithoutVary() {
        Map<String, String> headers =
                new Cors(List.of("*"), List.of()).response(Optional.of("https://any.example"));
        assertEquals("*", headers.get("Access-Control-Allow-Origin"));
        assertFalse(headers.containsKey("Vary"));
    }
}
