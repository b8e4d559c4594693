package dev.parley.keys;

import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.event;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.openai.OpenAiClients;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key limited to nova-micro reaches no other model by any route: 403 naming the allowed models
 * in each family's shape on the buffered routes, before the head of every streamed one (through the
 * local API gateway and the stream function, as deployed), and as the WebSocket's error frame. No
 * refused call reaches the model. Also the Anthropic family's shape of a refused key.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class KeyModelListRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String owner;
    private String key;

    @BeforeEach
    void start() {
        Emulator.control().reset();
        Frames.control().reset();
        owner = "routes-" + UUID.randomUUID();
        key = createKey(owner, Map.of("name", "micro only", "models", List.of("nova-micro")));
    }

    private static List<Map<String, Object>> hi() {
        return List.of(Map.of("role", "user", "content", "Hi"));
    }

    private static void assertRefused(ProxyResult result, String where) {
        assertEquals(403, result.status(), where + ": " + result);
        assertTrue(result.toString().contains("model_not_allowed_for_key"), where + ": " + result);
        assertTrue(result.toString().contains("nova-micro"), where + ": " + result);
    }

    @Test
    void theBufferedRoutesRefuseAnotherModel() {
        assertRefused(
                withKey("POST", "/v1/chat", Map.of("message", "Hi", "model", "nova-lite"), key),
                "chat");
        assertRefused(
                withKey(
                        "POST",
                        "/v1/tools",
                        Map.of(
                                "model",
                                "nova-lite",
                                "message",
                                "What is 2+2?",
                                "tools",
                                List.of("calculator")),
                        key),
                "tools");
        assertRefused(
                withKey(
                        "POST",
                        "/openai/v1/embeddings",
                        Map.of("model", "titan-embed-v2", "input", "river festival"),
                        key),
                "embeddings");
        assertTrue(Emulator.control().calls().isEmpty(), "no refused call reached a model");

        // Compare answers per model: the allowed one runs, the other carries the refusal.
        ProxyResult compare =
                withKey(
                        "POST",
                        "/v1/compare",
                        Map.of("message", "Hi", "models", List.of("nova-micro", "nova-lite")),
                        key);
        assertEquals(200, compare.status(), compare.toString());
        JsonNode results = compare.body().path("results");
        assertTrue(results.get(0).path("error").isMissingNode(), compare.toString());
        assertEquals(
                "model_not_allowed_for_key",
                results.get(1).at("/error/code").asText(),
                compare.toString());
        assertEquals(1, Emulator.control().calls().size(), "only nova-micro was called");

        // An embedding model may be named in a key's list like any other model.
        String embedder =
                createKey(owner, Map.of("name", "embeds", "models", List.of("titan-embed-v2")));
        ProxyResult embedded =
                withKey(
                        "POST",
                        "/openai/v1/embeddings",
                        Map.of("model", "titan-embed-v2", "input", "river festival"),
                        embedder);
        assertEquals(200, embedded.status(), embedded.toString());
    }

    @Test
    void theStreamedRoutesRefuseBeforeTheirHead() throws Exception {
        HttpResponse<String> chat =
                post(
                        "/v1/chat",
                        Map.of("message", "Hi", "model", "nova-lite"),
                        Map.of("authorization", "Bearer " + key, "accept", "text/event-stream"));
        assertEquals(403, chat.statusCode(), chat.body());
        assertTrue(chat.body().contains("model_not_allowed_for_key"), chat.body());

        HttpResponse<String> openAi =
                post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-lite", "stream", true, "messages", hi()),
                        Map.of("authorization", "Bearer " + key));
        assertEquals(403, openAi.statusCode(), openAi.body());
        assertEquals(
                "model_not_allowed_for_key",
                Lambda.JSON.readTree(openAi.body()).at("/error/code").asText(),
                openAi.body());

        HttpResponse<String> responses =
                post(
                        "/openai/v1/responses",
                        Map.of("model", "nova-lite", "stream", true, "input", "Hi"),
                        Map.of("authorization", "Bearer " + key));
        assertEquals(403, responses.statusCode(), responses.body());
        assertTrue(responses.body().contains("nova-micro"), responses.body());

        HttpResponse<String> anthropic =
                post(
                        "/anthropic/v1/messages",
                        Map.of(
                                "model",
                                "nova-lite",
                                "max_tokens",
                                50,
                                "stream",
                                true,
                                "messages",
                                hi()),
                        Map.of("x-api-key", key, "anthropic-version", "2023-06-01"));
        assertEquals(403, anthropic.statusCode(), anthropic.body());
        JsonNode error = Lambda.JSON.readTree(anthropic.body());
        assertEquals("permission_error", error.at("/error/type").asText(), anthropic.body());
        assertTrue(error.at("/error/message").asText().contains("nova-micro"), anthropic.body());
        assertTrue(Emulator.control().calls().isEmpty(), "no refused call reached a model");
    }

    @Test
    void theWebSocketTurnEndsInTheRefusal() {
        String id = key.substring(3, 19);
        String connection = "conn-" + UUID.randomUUID();
        ObjectNode message =
                Lambda.webSocketMessage(
                        connection,
                        "ignored",
                        Map.of("action", "chat", "message", "Hi", "model", "nova-lite"));
        // As the $connect authorizer left it: the key's owner and id.
        ((ObjectNode) message.at("/requestContext/authorizer"))
                .put("principalId", owner)
                .put("keyId", id);
        Lambda.invoke(message);
        List<Frame> frames = Frames.control().frames(connection);
        Frame last = frames.get(frames.size() - 1);
        assertEquals("error", last.type(), frames.toString());
        assertEquals(
                "model_not_allowed_for_key",
                last.data().at("/error/code").asText(),
                frames.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "no refused call reached a model");
    }

    @Test
    void theAnthropicFamilyRefusesABadKeyInItsShape() {
        for (Map<String, String> headers :
                List.of(
                        Map.of("x-api-key", "pk_" + "d".repeat(16) + "E".repeat(43)),
                        Map.of("authorization", "Bearer pk_short"),
                        Map.of("x-api-key", key, "authorization", "Bearer pk_other"))) {
            ProxyResult refused =
                    Lambda.invoke(
                            event(
                                    "POST",
                                    "/anthropic/v1/messages",
                                    Map.of(
                                            "model",
                                            "nova-micro",
                                            "max_tokens",
                                            50,
                                            "messages",
                                            hi()),
                                    headers));
            assertEquals(401, refused.status(), refused.toString());
            assertEquals("error", refused.body().path("type").asText(), refused.toString());
            assertEquals(
                    "authentication_error",
                    refused.body().at("/error/type").asText(),
                    refused.toString());
        }
    }

    private static HttpResponse<String> post(String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(OpenAiClients.root().resolve(path))
                        .header("content-type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        Lambda.JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
