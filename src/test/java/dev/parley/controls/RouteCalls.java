package dev.parley.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.parley.openai.OpenAiClients;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The calls {@link ControlsOnEveryRouteTest} makes, one per route, each answering the tier its
 * answer echoed: Parley's routes as Lambda events, the OpenAI and Anthropic routes through their
 * official SDKs on the local gateway (the streamed ones through the stream function, as deployed).
 */
final class RouteCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "nova-pro";

    private RouteCalls() {}

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

    // --- the route cases ------------------------------------------------------------------

    static Echo chat(Key key) {
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

    static Echo chatEvents(Key key) {
        ObjectNode event =
                Lambda.http("POST", "/v1/chat", Map.of("message", "Hello", "model", MODEL));
        ((ObjectNode) event.get("headers")).put("accept", "text/event-stream");
        ProxyResult chat = withKey(key, event);
        assertEquals(200, chat.status(), chat.toString());
        JsonNode end = lastData(chat.raw().path("body").asText(), "end");
        return new Echo(
                end.path("serviceTier").asText(), Optional.of(end.path("conversationId").asText()));
    }

    static Echo summarize(Key key) {
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

    static Echo compare(Key key) {
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

    static Echo tools(Key key) {
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

    static Echo completion(Key key) {
        return Echo.of(
                openAi(key)
                        .chat()
                        .completions()
                        .create(completionParams())
                        .serviceTier()
                        .orElseThrow()
                        .asString());
    }

    static Echo completionStream(Key key) {
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

    static Echo response(Key key) {
        var response = openAi(key).responses().create(responseParams());
        return new Echo(
                response.serviceTier().orElseThrow().asString(), Optional.of(response.id()));
    }

    static Echo responseStream(Key key) {
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

    static Echo message(Key key) {
        return Echo.of(
                anthropic(key)
                        .messages()
                        .create(messageParams())
                        .usage()
                        .serviceTier()
                        .orElseThrow()
                        .asString());
    }

    static Echo messageStream(Key key) {
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

    static Key createKey(Object body) {
        ProxyResult created =
                Lambda.invoke(
                        Lambda.as(
                                "controls-" + UUID.randomUUID(),
                                Lambda.http("POST", "/v1/keys", body)));
        assertEquals(201, created.status(), created.toString());
        return new Key(created.body().path("key").asText(), created.body().path("id").asText());
    }

    static ProxyResult withKey(Key key, ObjectNode event) {
        event.with("headers").put("authorization", "Bearer " + key.secret());
        return Lambda.invoke(event);
    }

    static OpenAIClient openAi(Key key) {
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

    static JsonNode lastCall() {
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
