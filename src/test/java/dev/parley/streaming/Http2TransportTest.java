package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.local.LocalStreamFunction;
import dev.parley.local.StandIns;
import dev.parley.local.bedrock.H2cFront;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parley's streaming routes over the production transport: the async Bedrock client speaks HTTP/2
 * ({@code parley.bedrock.stream-protocol=http2}, h2c against the plain-HTTP emulator's front, as
 * the SDK speaks HTTP/2 over TLS to Bedrock) and the streamed chat and the OpenAI edge's streamed
 * completion still arrive whole and in order. The front records the HTTP version of every model
 * call it relays, so a client that fell back to HTTP/1.1 fails these tests.
 *
 * <p>The profile's configuration overrides the stand-ins' (a QuarkusTestProfile's
 * getConfigOverrides wins over a test resource's start() map, as Quarkus documents for
 * {@code @QuarkusTest}); {@link #theProfilePointsParleyAtTheFront} checks it did here.
 */
@QuarkusTest
@TestProfile(Http2TransportTest.Profile.class)
class Http2TransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "one two three four five six";
    private static final String ANSWER = "You said: \"" + TEXT + "\"";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.bedrock.stream-protocol",
                    "http2",
                    "parley.bedrock.endpoint-override",
                    "${" + StandIns.BEDROCK_H2C_CONFIG + "}");
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private LocalManagementApi management;
    private LocalApiGateway gateway;
    private LocalStreamFunction function;

    @BeforeEach
    void start() throws Exception {
        Emulator.control().reset();
        management = LocalManagementApi.start("127.0.0.1", 0);
        URI runtime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        gateway = LocalApiGateway.start("127.0.0.1", 0, runtime, management);
        function = LocalStreamFunction.start(2);
        gateway.streamFunction(function);
    }

    @AfterEach
    void stop() {
        Emulator.control().reset();
        function.close();
        gateway.close();
        management.close();
    }

    @Test
    void theProfilePointsParleyAtTheFront() {
        String endpoint =
                ConfigProvider.getConfig()
                        .getValue("parley.bedrock.endpoint-override", String.class);
        String front =
                ConfigProvider.getConfig().getValue(StandIns.BEDROCK_H2C_CONFIG, String.class);
        assertEquals(
                front,
                endpoint,
                "the test profile's endpoint must win over the stand-ins' resource");
    }

    @Test
    void theStreamedChatRunsOverHttp2() throws Exception {
        int before = frontRequests().size();
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + gateway.port() + "/v1/chat"))
                                .header("Accept", "text/event-stream")
                                .header("X-Local-User", "h2-user")
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"message\": \"" + TEXT + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        response.body()
                .forEach(
                        line -> {
                            if (line.startsWith("event: ")) {
                                types.add(line.substring(7));
                            } else if (line.startsWith("data: ")
                                    && types.get(types.size() - 1).equals("delta")) {
                                text.append(read(line.substring(6)).path("text").asText());
                            }
                        });
        assertEquals("start", types.get(0), types.toString());
        assertEquals("end", types.get(types.size() - 1), types.toString());
        assertEquals(ANSWER, text.toString());
        assertOneStreamOverHttp2(frontRequests().subList(before, frontRequests().size()));
    }

    @Test
    void theOpenAiEdgesStreamedCompletionRunsOverHttp2() {
        int before = frontRequests().size();
        OpenAIClient client =
                OpenAIOkHttpClient.builder()
                        .baseUrl("http://127.0.0.1:" + gateway.port() + "/openai/v1")
                        .apiKey("sk-local-anything")
                        .maxRetries(0)
                        .timeout(Duration.ofSeconds(30))
                        .build();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat()
                        .completions()
                        .createStreaming(
                                ChatCompletionCreateParams.builder()
                                        .model("nova-micro")
                                        .addUserMessage(TEXT)
                                        .build())) {
            stream.stream()
                    .forEach(
                            chunk ->
                                    chunk.choices()
                                            .forEach(
                                                    choice ->
                                                            choice.delta()
                                                                    .content()
                                                                    .ifPresent(text::append)));
        }
        assertEquals(ANSWER, text.toString());
        assertOneStreamOverHttp2(frontRequests().subList(before, frontRequests().size()));
    }

    private static void assertOneStreamOverHttp2(List<String> calls) {
        List<String> streams = calls.stream().filter(c -> c.endsWith("/converse-stream")).toList();
        assertEquals(1, streams.size(), "one ConverseStream through the front: " + calls);
        assertTrue(streams.get(0).startsWith("HTTP_2 POST /model/"), "over HTTP/2: " + streams);
        assertFalse(
                calls.stream()
                        .anyMatch(c -> c.contains("converse-stream") && !c.startsWith("HTTP_2")),
                calls.toString());
    }

    /** The model calls the h2c front relayed, oldest first ("HTTP_2 POST /model/.../converse-stream"). */
    private List<String> frontRequests() {
        String front =
                ConfigProvider.getConfig().getValue(StandIns.BEDROCK_H2C_CONFIG, String.class);
        try {
            HttpResponse<String> answer =
                    http.send(
                            HttpRequest.newBuilder(URI.create(front + H2cFront.REQUESTS_PATH))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            List<String> calls = new ArrayList<>();
            read(answer.body()).forEach(call -> calls.add(call.asText()));
            return calls;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
