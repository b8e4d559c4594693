package dev.parley.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.parley.documents.Uploads;
import dev.parley.openai.OpenAiClients;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
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
    private static final String MODEL = "nova-pro";

    /** The key a route case calls with: its secret and its id (what {@code parley.keyId} carries). */
    record Key(String secret, String id) {}

    /**
     * One route: the {@code parley.route} tag its calls carry, the subject tag (conversation or
     * response) when it has one, and the call itself, which answers the tier the answer echoed.
     */
    record RouteCase(String route, Optional<String> subjectTag, Function<Key, Echo> call) {}

    /** What the answer said: the echoed tier, and the subject id (conversation, response) if any. */
    record Echo(String tier, Optional<String> subject) {
        static Echo of(String tier) {
            return new Echo(tier, Optional.empty());
        }
    }

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static Stream<Arguments> tieredRoutes() {
        return Stream.of(
                Arguments.of(
                        "POST /v1/chat",
                        new RouteCase(
                                "chat",
                                Optional.of("parley.conversationId"),
                                ControlsOnEveryRouteTest::chat)),
                Arguments.of(
                        "POST /v1/chat as server-sent events",
                        new RouteCase(
                                "chat",
                                Optional.of("parley.conversationId"),
                                ControlsOnEveryRouteTest::chatEvents)),
                Arguments.of(
                        "POST /v1/summarize",
                        new RouteCase(
                                "summarize",
                                Optional.empty(),
                                ControlsOnEveryRouteTest::summarize)),
                Arguments.of(
                        "POST /v1/compare",
                        new RouteCase(
                                "compare", Optional.empty(), ControlsOnEveryRouteTest::compare)),
                Arguments.of(
                        "POST /v1/tools",
                        new RouteCase("tools", Optional.empty(), ControlsOnEveryRouteTest::tools)),
                Arguments.of(
                        "OpenAI chat completions",
                        new RouteCase(
                                "openai", Optional.empty(), ControlsOnEveryRouteTest::completion)),
                Arguments.of(
                        "OpenAI chat completions, streamed",
                        new RouteCase(
                                "openai",
                                Optional.empty(),
                                ControlsOnEveryRouteTest::completionStream)),
                Arguments.of(
                        "OpenAI Responses",
                        new RouteCase(
                                "openai.responses",
                                Optional.of("parley.responseId"),
                                ControlsOnEveryRouteTest::response)),
                Arguments.of(
                        "OpenAI Responses, streamed",
                        new RouteCase(
                                "openai.responses",
                                Optional.of("parley.responseId"),
                                ControlsOnEveryRouteTest::responseStream)),
                Arguments.of(
                        "Anthropic Messages",
                        new RouteCase(
                                "anthropic", Optional.empty(), ControlsOnEveryRouteTest::message)),
                Arguments.of(
                        "Anthropic Messages, streamed",
                        new RouteCase(
                                "anthropic",
                                Optional.empty(),
                                ControlsOnEveryRouteTest::messageStream)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredRoutes")
    void theKeysDefaultTierAndTheTagsReachBedrockAndTheTierIsEchoed(String name, RouteCase route) {
        Key key = createKey(Map.of("name", "controls", "serviceTier", "flex"));
        Echo echo = route.call().apply(key);

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
        Key key = createKey(Map.of("name", "controls", "serviceTier", "flex"));
        ProxyResult tools =
                withKey(
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
        Key key = createKey(Map.of("name", "controls", "serviceTier", "flex"));
        openAi(key)
                .embeddings()
                .create(
                        EmbeddingCreateParams.builder()
                                .model("titan-embed-v2")
                                .input("The trams run all night")
                                .build());
        JsonNode call = lastCall();
        JsonNode headers = call.path("headers");
        assertTrue(headers.path("x-amzn-bedrock-service-tier").isMissingNode(), call.toString());
        JsonNode tags = JSON.readTree(headers.path("x-amzn-bedrock-request-metadata").asText());
        assertEquals(
                "openai.embeddings", tags.path(InvocationTags.ROUTE).asText(), tags.toString());
        assertEquals(key.id(), tags.path(InvocationTags.KEY_ID).asText(), tags.toString());
    }

    @Test
    void theInvokePassthroughTakesTheKeysTierAndTagsTheKey() throws Exception {
        Key key = createKey(Map.of("name", "controls", "serviceTier", "flex"));
        ProxyResult invoke =
                withKey(
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
        JsonNode headers = lastCall().path("headers");
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
                                        MODEL,
                                        "serviceTier",
                                        "flex")));
        assertEquals(200, sent.raw().path("statusCode").asInt(), sent.toString());
        var frames = Frames.control().frames(connection);
        JsonNode end = frames.get(frames.size() - 1).data();
        assertEquals("end", end.path("type").asText(), frames.toString());
        assertEquals("flex", end.path("serviceTier").asText(), end.toString());
        JsonNode body = lastCall().path("body");
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

    // --- the route cases ------------------------------------------------------------------

    private static Echo chat(Key key) {
        ProxyResult chat =
                withKey(
                        key,
                        Lambda.http(
                                "POST", "/v1/chat", Map.of("message", "Hello", "model", MODEL)));
        assertEquals(201, chat.status(), chat.toString());
        return new Echo(
                chat.body().path("serviceTier").asText(),
                Optional.of(chat.body().path("conversationId").asText()));
    }

    private static Echo chatEvents(Key key) {
        ObjectNode event =
                Lambda.http("POST", "/v1/chat", Map.of("message", "Hello", "model", MODEL));
        ((ObjectNode) event.get("headers")).put("accept", "text/event-stream");
        ProxyResult chat = withKey(key, event);
        assertEquals(200, chat.status(), chat.toString());
        JsonNode end = lastData(chat.raw().path("body").asText(), "end");
        return new Echo(
                end.path("serviceTier").asText(), Optional.of(end.path("conversationId").asText()));
    }

    private static Echo summarize(Key key) {
        ProxyResult summary =
                withKey(
                        key,
                        Lambda.http(
                                "POST",
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "A text about rivers and their tides.",
                                        "model",
                                        MODEL)));
        assertEquals(200, summary.status(), summary.toString());
        return Echo.of(summary.body().path("serviceTier").asText());
    }

    private static Echo compare(Key key) {
        ProxyResult compared =
                withKey(
                        key,
                        Lambda.http(
                                "POST",
                                "/v1/compare",
                                Map.of("message", "Hi", "models", List.of(MODEL, "qwen3-32b"))));
        assertEquals(200, compared.status(), compared.toString());
        JsonNode results = compared.body().path("results");
        assertEquals(2, results.size(), compared.toString());
        assertEquals(
                results.get(0).path("serviceTier").asText(),
                results.get(1).path("serviceTier").asText(),
                compared.toString());
        return Echo.of(results.get(0).path("serviceTier").asText());
    }

    private static Echo tools(Key key) {
        ProxyResult tools =
                withKey(
                        key,
                        Lambda.http(
                                "POST", "/v1/tools", Map.of("message", "Hello", "model", MODEL)));
        assertEquals(200, tools.status(), tools.toString());
        return Echo.of(tools.body().path("serviceTier").asText());
    }

    private static ChatCompletionCreateParams completionParams() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Hello there")
                .build();
    }

    private static Echo completion(Key key) {
        return Echo.of(
                openAi(key)
                        .chat()
                        .completions()
                        .create(completionParams())
                        .serviceTier()
                        .orElseThrow()
                        .asString());
    }

    private static Echo completionStream(Key key) {
        List<String> tiers = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                openAi(key).chat().completions().createStreaming(completionParams())) {
            stream.stream()
                    .forEach(chunk -> chunk.serviceTier().ifPresent(t -> tiers.add(t.asString())));
        }
        assertFalse(tiers.isEmpty(), "the finish chunk carries service_tier");
        return Echo.of(tiers.get(tiers.size() - 1));
    }

    private static ResponseCreateParams responseParams() {
        return ResponseCreateParams.builder().model(MODEL).input("Hello there").build();
    }

    private static Echo response(Key key) {
        var response = openAi(key).responses().create(responseParams());
        return new Echo(
                response.serviceTier().orElseThrow().asString(), Optional.of(response.id()));
    }

    private static Echo responseStream(Key key) {
        try (StreamResponse<ResponseStreamEvent> stream =
                openAi(key).responses().createStreaming(responseParams())) {
            var completed =
                    stream.stream()
                            .filter(ResponseStreamEvent::isCompleted)
                            .map(e -> e.asCompleted().response())
                            .findFirst()
                            .orElseThrow();
            return new Echo(
                    completed.serviceTier().orElseThrow().asString(), Optional.of(completed.id()));
        }
    }

    private static MessageCreateParams messageParams() {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(200)
                .addUserMessage("Hello there")
                .build();
    }

    private static Echo message(Key key) {
        return Echo.of(
                anthropic(key)
                        .messages()
                        .create(messageParams())
                        .usage()
                        .serviceTier()
                        .orElseThrow()
                        .asString());
    }

    private static Echo messageStream(Key key) {
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic(key).messages().createStreaming(messageParams())) {
            stream.stream().forEach(events::add);
        }
        // message_delta's usage has no service_tier in the SDK's type: it reaches the caller as
        // an additional property (Bedrock reports the tier only at the stream's end).
        JsonValue tier =
                events.stream()
                        .filter(RawMessageStreamEvent::isMessageDelta)
                        .findFirst()
                        .orElseThrow()
                        .asMessageDelta()
                        .usage()
                        ._additionalProperties()
                        .get("service_tier");
        return Echo.of(tier.asString().orElseThrow().toString());
    }

    // --- helpers --------------------------------------------------------------------------

    private static Key createKey(Object body) {
        ProxyResult created =
                Lambda.invoke(
                        Lambda.as(
                                "controls-" + UUID.randomUUID(),
                                Lambda.http("POST", "/v1/keys", body)));
        assertEquals(201, created.status(), created.toString());
        return new Key(created.body().path("key").asText(), created.body().path("id").asText());
    }

    private static ProxyResult withKey(Key key, ObjectNode event) {
        event.with("headers").put("authorization", "Bearer " + key.secret());
        return Lambda.invoke(event);
    }

    private static OpenAIClient openAi(Key key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(OpenAiClients.root().resolve("/openai/v1").toString())
                .apiKey(key.secret())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static AnthropicClient anthropic(Key key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(OpenAiClients.root().resolve("/anthropic").toString())
                .apiKey(key.secret())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static JsonNode lastCall() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1);
    }

    /** The data of the last server-sent event named {@code name}. */
    private static JsonNode lastData(String events, String name) {
        String data = null;
        String current = null;
        for (String line : events.split("\n")) {
            if (line.startsWith("event: ")) {
                current = line.substring("event: ".length()).strip();
            } else if (line.startsWith("data: ") && name.equals(current)) {
                data = line.substring("data: ".length());
            }
        }
        try {
            return JSON.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
