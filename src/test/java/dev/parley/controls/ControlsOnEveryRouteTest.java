package dev.parley.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.parley.documents.Uploads;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The per-call controls on every route that calls a model: a call made with an API key whose
 * default tier is Flex reaches the emulator (which records every call) on the Flex tier, tagged
 * with the route and the key's id, and the answer echoes the tier in its protocol's way. The
 * OpenAI and Anthropic routes are driven with the official SDKs, through the local gateway and
 * the stream function as deployed.
 */
@QuarkusTest
class ControlsOnEveryRouteTest {
    @Inject S3Client s3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static Stream<Arguments> tieredRoutes() {
        return Stream.of(
                Arguments.of(
                        "POST /v1/chat",
                        new RouteCalls.RouteCase(
                                "chat", Optional.of("parley.conversationId"), RouteCalls::chat)),
                Arguments.of(
                        "POST /v1/chat as server-sent events",
                        new RouteCalls.RouteCase(
                                "chat",
                                Optional.of("parley.conversationId"),
                                RouteCalls::chatEvents)),
                Arguments.of(
                        "POST /v1/summarize",
                        new RouteCalls.RouteCase(
                                "summarize", Optional.empty(), RouteCalls::summarize)),
                Arguments.of(
                        "POST /v1/compare",
                        new RouteCalls.RouteCase("compare", Optional.empty(), RouteCalls::compare)),
                Arguments.of(
                        "POST /v1/tools",
                        new RouteCalls.RouteCase("tools", Optional.empty(), RouteCalls::tools)),
                Arguments.of(
                        "OpenAI chat completions",
                        new RouteCalls.RouteCase(
                                "openai", Optional.empty(), RouteCalls::completion)),
                Arguments.of(
                        "OpenAI chat completions, streamed",
                        new RouteCalls.RouteCase(
                                "openai", Optional.empty(), RouteCalls::completionStream)),
                Arguments.of(
                        "OpenAI Responses",
                        new RouteCalls.RouteCase(
                                "openai.responses",
                                Optional.of("parley.responseId"),
                                RouteCalls::response)),
                Arguments.of(
                        "OpenAI Responses, streamed",
                        new RouteCalls.RouteCase(
                                "openai.responses",
                                Optional.of("parley.responseId"),
                                RouteCalls::responseStream)),
                Arguments.of(
                        "Anthropic Messages",
                        new RouteCalls.RouteCase(
                                "anthropic", Optional.empty(), RouteCalls::message)),
                Arguments.of(
                        "Anthropic Messages, streamed",
                        new RouteCalls.RouteCase(
                                "anthropic", Optional.empty(), RouteCalls::messageStream)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredRoutes")
    void theKeysDefaultTierAndTheTagsReachBedrockAndTheTierIsEchoed(
            String name, RouteCalls.RouteCase route) {
        RouteCalls.Key key =
                RouteCalls.createKey(Map.of("name", "controls", "serviceTier", "flex"));
        RouteCalls.Echo echo = route.call().apply(key);

        List<JsonNode> calls = Emulator.control().calls();
        assertFalse(calls.isEmpty(), name + " called no model");
        for (JsonNode call : calls) {
            JsonNode body = call.path("body");
            assertEquals("flex", body.at("/serviceTier/type").asText(), name + ": " + body);
            JsonNode tags = body.path("requestMetadata");
            assertEquals(
                    route.route(), tags.path(InvocationTags.ROUTE).asText(), name + ": " + tags);
            assertEquals(key.id(), tags.path(InvocationTags.KEY_ID).asText(), name + ": " + tags);
            assertFalse(tags.toString().contains(key.secret()), "never the secret");
            route.subjectTag()
                    .ifPresent(
                            tag ->
                                    assertEquals(
                                            echo.subject().orElseThrow(),
                                            tags.path(tag).asText(),
                                            name + ": " + tags));
        }
        assertEquals("flex", echo.tier(), name + " echoes the tier Bedrock served");
    }

    @Test
    void theRequestsTierWinsOverTheKeysOnTheNewlyTieredRoutes() {
        RouteCalls.Key key =
                RouteCalls.createKey(Map.of("name", "controls", "serviceTier", "flex"));
        ProxyResult tools =
                RouteCalls.withKey(
                        key,
                        Lambda.http(
                                "POST",
                                "/v1/tools",
                                Map.of(
                                        "message",
                                        "Hello",
                                        "model",
                                        "gpt-oss-20b",
                                        "serviceTier",
                                        "priority")));
        assertEquals(200, tools.status(), tools.toString());
        assertEquals("priority", tools.body().path("serviceTier").asText(), tools.toString());
        Emulator.control()
                .calls()
                .forEach(
                        call ->
                                assertEquals(
                                        "priority", call.at("/body/serviceTier/type").asText()));
        assertTrue(
                tools.header("X-Parley-Warning") == null,
                "serviceTier is a field of /v1/tools, not an unknown one");
    }

    @Test
    void embeddingsCarryTheTagsAndAlwaysRunOnTheStandardTier() throws Exception {
        RouteCalls.Key key =
                RouteCalls.createKey(Map.of("name", "controls", "serviceTier", "flex"));
        RouteCalls.openAi(key)
                .embeddings()
                .create(
                        EmbeddingCreateParams.builder()
                                .model("titan-embed-v2")
                                .input("The trams run all night")
                                .build());
        JsonNode call = RouteCalls.lastCall();
        JsonNode headers = call.path("headers");
        assertTrue(headers.path("x-amzn-bedrock-service-tier").isMissingNode(), call.toString());
        JsonNode tags = JSON.readTree(headers.path("x-amzn-bedrock-request-metadata").asText());
        assertEquals(
                "openai.embeddings", tags.path(InvocationTags.ROUTE).asText(), tags.toString());
        assertEquals(key.id(), tags.path(InvocationTags.KEY_ID).asText(), tags.toString());
    }

    @Test
    void theInvokePassthroughTakesTheKeysTierAndTagsTheKey() throws Exception {
        RouteCalls.Key key =
                RouteCalls.createKey(Map.of("name", "controls", "serviceTier", "flex"));
        ProxyResult invoke =
                RouteCalls.withKey(
                        key,
                        Lambda.http(
                                "POST",
                                "/v1/models/nova-pro/invoke",
                                Map.of(
                                        "messages",
                                        List.of(
                                                Map.of(
                                                        "role",
                                                        "user",
                                                        "content",
                                                        List.of(Map.of("text", "Hi")))))));
        assertEquals(200, invoke.status(), invoke.toString());
        JsonNode headers = RouteCalls.lastCall().path("headers");
        assertEquals(
                "flex", headers.path("x-amzn-bedrock-service-tier").asText(), headers.toString());
        JsonNode tags = JSON.readTree(headers.path("x-amzn-bedrock-request-metadata").asText());
        assertEquals(key.id(), tags.path(InvocationTags.KEY_ID).asText(), tags.toString());
    }

    @Test
    void aWebSocketTurnSendsItsTierAndTagsAndItsEndFrameEchoesTheTier() {
        String connection = "conn-" + UUID.randomUUID();
        ProxyResult sent =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                connection,
                                "wendy",
                                Map.of(
                                        "action",
                                        "chat",
                                        "message",
                                        "Hello",
                                        "model",
                                        RouteCalls.MODEL,
                                        "serviceTier",
                                        "flex")));
        assertEquals(200, sent.raw().path("statusCode").asInt(), sent.toString());
        var frames = Frames.control().frames(connection);
        JsonNode end = frames.get(frames.size() - 1).data();
        assertEquals("end", end.path("type").asText(), frames.toString());
        assertEquals("flex", end.path("serviceTier").asText(), end.toString());
        JsonNode body = RouteCalls.lastCall().path("body");
        assertEquals("flex", body.at("/serviceTier/type").asText(), body.toString());
        JsonNode tags = body.path("requestMetadata");
        assertEquals("stream", tags.path(InvocationTags.ROUTE).asText(), tags.toString());
        assertEquals(
                end.path("conversationId").asText(), tags.path("parley.conversationId").asText());
        assertFalse(tags.toString().contains("wendy"), "ids only, never the caller's name");
    }

    @Test
    void aDocumentSummarysCallsAreTaggedWithTheDocumentsRoute() {
        String owner = "owner-" + UUID.randomUUID();
        String key = "uploads/" + owner + "/notes.txt";
        String text =
                "The harbour opens at six. Ferries leave every half hour until midnight.\n\n"
                        + "On Sundays the first ferry leaves at eight.";
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String eTag = Uploads.put(s3, key, "text/plain", body);
        Uploads.Invocation result = Uploads.invoke(Uploads.s3Event(key, eTag, body.length));
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        List<JsonNode> calls = Emulator.control().calls();
        assertFalse(calls.isEmpty());
        for (JsonNode call : calls) {
            JsonNode tags = call.at("/body/requestMetadata");
            assertEquals("documents", tags.path(InvocationTags.ROUTE).asText(), tags.toString());
            assertFalse(tags.toString().contains(owner), "ids only, never the owner: " + tags);
            assertTrue(tags.path(InvocationTags.KEY_ID).isMissingNode(), tags.toString());
        }
    }
}
