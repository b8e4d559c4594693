package dev.parley.keys;

import static dev.parley.keys.KeyCalls.as;
import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.event;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key's model list, and the ledger's key id, on the routes issue 27 added: Anthropic's messages
 * and count_tokens (key in {@code x-api-key}, as the Anthropic SDKs send it) and OpenAI's Responses.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class NewRouteKeyLimitsTest {
    @Inject AfterResponse afterResponse;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static ProxyResult anthropic(String path, Map<String, Object> body, String key) {
        return Lambda.invoke(
                event(
                        "POST",
                        "/anthropic/v1/" + path,
                        body,
                        Map.of("x-api-key", key, "anthropic-version", "2023-06-01")));
    }

    private static Map<String, Object> message(String model) {
        return Map.of(
                "model",
                model,
                "max_tokens",
                50,
                "messages",
                List.of(Map.of("role", "user", "content", "Hi")));
    }

    private static Map<String, Object> count(String model) {
        return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "Hi")));
    }

    @Test
    void aKeysModelListHoldsOnMessagesCountTokensAndResponses() {
        String owner = "newroutes-" + UUID.randomUUID();
        String key =
                createKey(owner, Map.of("name", "micro only", "models", List.of("nova-micro")));

        for (String path : List.of("messages", "messages/count_tokens")) {
            ProxyResult refused =
                    anthropic(
                            path,
                            path.equals("messages") ? message("nova-lite") : count("nova-lite"),
                            key);
            assertEquals(403, refused.status(), path + ": " + refused);
            assertEquals(
                    "permission_error",
                    refused.body().at("/error/type").asText(),
                    refused.toString());
            assertTrue(
                    refused.body().at("/error/message").asText().contains("nova-micro"),
                    refused.toString());
        }
        ProxyResult responses =
                withKey(
                        "POST",
                        "/openai/v1/responses",
                        Map.of("model", "nova-lite", "input", "Hi"),
                        key);
        assertEquals(403, responses.status(), responses.toString());
        assertEquals(
                "model_not_allowed_for_key",
                responses.body().at("/error/code").asText(),
                responses.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "no refused call reached the model");

        assertEquals(200, anthropic("messages", message("nova-micro"), key).status());
        assertEquals(200, anthropic("messages/count_tokens", count("nova-micro"), key).status());
        assertEquals(
                200,
                withKey(
                                "POST",
                                "/openai/v1/responses",
                                Map.of("model", "nova-micro", "input", "Hi"),
                                key)
                        .status());
        afterResponse.drain();

        // The three calls are the key's, in its owner's usage.
        JsonNode byKey = as(owner, "GET", "/v1/usage?by=key", null).body();
        Map<String, Long> calls = new HashMap<>();
        byKey.path("days")
                .forEach(
                        row ->
                                calls.merge(
                                        row.path("key").asText("none"),
                                        row.path("calls").asLong(),
                                        Long::sum));
        String id = as(owner, "GET", "/v1/keys", null).body().at("/keys/0/id").asText();
        assertEquals(Map.of(id, 3L), calls, byKey.toString());
    }
}
