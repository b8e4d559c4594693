package dev.parley.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment's default tier ({@code parley.controls.default-service-tier}) serves the calls
 * whose request and key name none; a key's default and the request's own tier come first.
 */
@QuarkusTest
@TestProfile(ControlsDeploymentDefaultTest.FlexByDefault.class)
class ControlsDeploymentDefaultTest {

    public static class FlexByDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.controls.default-service-tier", "flex");
        }
    }

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static String lastTier() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).at("/body/serviceTier/type").asText();
    }

    private static ProxyResult summarize(Map<String, String> headers, Map<String, String> fields) {
        Map<String, Object> body =
                new java.util.HashMap<>(
                        Map.of("text", "A text about ferries.", "model", "nova-pro"));
        body.putAll(fields);
        var event =
                Lambda.as(
                        "deploy-" + UUID.randomUUID(), Lambda.http("POST", "/v1/summarize", body));
        headers.forEach(event.with("headers")::put);
        return Lambda.invoke(event);
    }

    @Test
    void theDeploymentsTierServesCallsThatNameNone() {
        ProxyResult plain = summarize(Map.of(), Map.of());
        assertEquals(200, plain.status(), plain.toString());
        assertEquals("flex", lastTier());
        assertEquals("flex", plain.body().path("serviceTier").asText(), plain.toString());

        // OpenAI's "auto" leaves the choice to Parley's defaults.
        ProxyResult auto =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-pro",
                                "service_tier",
                                "auto",
                                "messages",
                                List.of(Map.of("role", "user", "content", "Hi"))));
        assertEquals(200, auto.status(), auto.toString());
        assertEquals("flex", lastTier());
        assertEquals("flex", auto.body().path("service_tier").asText(), auto.toString());
    }

    @Test
    void aKeysTierAndTheRequestsComeFirst() {
        ProxyResult created =
                Lambda.invoke(
                        Lambda.as(
                                "deploy-" + UUID.randomUUID(),
                                Lambda.http(
                                        "POST",
                                        "/v1/keys",
                                        Map.of("name", "fast", "serviceTier", "priority"))));
        assertEquals(201, created.status(), created.toString());
        Map<String, String> withKey =
                Map.of("authorization", "Bearer " + created.body().path("key").asText());

        assertEquals(200, summarize(withKey, Map.of()).status());
        assertEquals("priority", lastTier(), "the key's default over the deployment's");

        assertEquals(200, summarize(withKey, Map.of("serviceTier", "default")).status());
        assertEquals("default", lastTier(), "the request's tier over the key's");
    }
}
