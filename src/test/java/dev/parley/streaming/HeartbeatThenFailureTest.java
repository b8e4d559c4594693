package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.local.LocalStreamFunction;
import dev.parley.testing.Emulator;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model call that fails after a heartbeat has already sent the response's head (status 200, the
 * event-stream headers), on each streamed family through the local gateway and the stream
 * function's runtime loop: the client gets that protocol's error event in the open stream, never a
 * second head or a plain JSON error body after the first; and the official SDKs, which cannot see
 * heartbeats, report the failure as an error. The emulator refuses the call (a {@code
 * ValidationException}, not retried) after 1.5 s; heartbeats come every 300 ms.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
@TestProfile(StreamHeartbeatTest.Profile.class)
class HeartbeatThenFailureTest {
    private static final String HEARTBEAT = ": keep-alive";
    private static final String REFUSAL = "the emulator refuses this prompt after a long silence";

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

    private static void refuseAfterSilence() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"error\": {\"type\": \"ValidationException\", \"message\": \""
                                + REFUSAL
                                + "\"}}, \"delayMs\": 1500}");
    }

    @Test
    void chatCompletionsOnTheWire() throws Exception {
        refuseAfterSilence();
        List<String> lines =
                post(
                        "/openai/v1/chat/completions",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        int error = indexOf(lines, "data: {\"error\":");
        assertHeartbeatThenOnly(lines, error);
        assertTrue(lines.get(error).contains("invalid_request_error"), lines.get(error));
        assertFalse(lines.contains("data: [DONE]"), "a failed stream does not end as done");
    }

    @Test
    void anthropicMessagesOnTheWire() throws Exception {
        refuseAfterSilence();
        List<String> lines =
                post(
                        "/anthropic/v1/messages",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"max_tokens\": 100, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        int error = lines.indexOf("event: error");
        assertHeartbeatThenOnly(lines, error);
        assertTrue(
                lines.get(error + 1)
                        .startsWith(
                                "data: {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\""),
                lines.get(error + 1));
        assertFalse(lines.contains("event: message_stop"));
    }

    @Test
    void responsesOnTheWire() throws Exception {
        refuseAfterSilence();
        List<String> lines =
                post(
                        "/openai/v1/responses",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"store\": false, \"input\": \"Hi\"}");
        int failed = lines.indexOf("event: response.failed");
        assertHeartbeatThenOnly(lines, failed);
        assertTrue(lines.indexOf("event: error") > failed, lines.toString());
        assertFalse(lines.contains("event: response.completed"));
    }

    @Test
    void theOpenAiSdkSeesTheChatCompletionsFailure() {
        refuseAfterSilence();
        var client =
                OpenAIOkHttpClient.builder()
                        .baseUrl(base("/openai/v1"))
                        .apiKey("sk-local")
                        .maxRetries(0)
                        .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        var failure =
                assertThrows(
                        com.openai.errors.SseException.class,
                        () -> {
                            try (var stream =
                                    client.chat()
                                            .completions()
                                            .createStreaming(
                                                    ChatCompletionCreateParams.builder()
                                                            .model("nova-micro")
                                                            .addUserMessage("Hi")
                                                            .build())) {
                                stream.stream().forEach(chunks::add);
                            }
                        });
        assertTrue(chunks.isEmpty(), "no chunk came before the failure: " + chunks);
        assertTrue(
                failure.getMessage().contains(REFUSAL)
                        || String.valueOf(failure.body()).contains(REFUSAL),
                failure.toString());
    }

    @Test
    void theAnthropicSdkSeesTheMessagesFailure() {
        refuseAfterSilence();
        var client =
                AnthropicOkHttpClient.builder()
                        .baseUrl(base("/anthropic"))
                        .apiKey("sk-ant-local")
                        .maxRetries(0)
                        .build();
        List<RawMessageStreamEvent> events = new ArrayList<>();
        var failure =
                assertThrows(
                        com.anthropic.errors.SseException.class,
                        () -> {
                            try (StreamResponse<RawMessageStreamEvent> stream =
                                    client.messages()
                                            .createStreaming(
                                                    MessageCreateParams.builder()
                                                            .model("nova-micro")
                                                            .maxTokens(100)
                                                            .addUserMessage("Hi")
                                                            .build())) {
                                stream.stream().forEach(events::add);
                            }
                        });
        assertTrue(events.isEmpty(), "no event came before the failure: " + events);
        assertTrue(
                failure.toString().contains(REFUSAL)
                        || String.valueOf(failure.body()).contains(REFUSAL),
                failure.toString());
    }

    @Test
    void theOpenAiSdkSeesTheResponsesFailure() {
        refuseAfterSilence();
        var client =
                OpenAIOkHttpClient.builder()
                        .baseUrl(base("/openai/v1"))
                        .apiKey("sk-local")
                        .maxRetries(0)
                        .build();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
                client.responses()
                        .createStreaming(
                                ResponseCreateParams.builder()
                                        .model("nova-micro")
                                        .input("Hi")
                                        .store(false)
                                        .build())) {
            stream.stream().forEach(events::add);
        }
        // The Responses API reports a failure as events, which the SDK hands over as such.
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).isFailed(), events.toString());
        assertTrue(
                events.get(0)
                        .asFailed()
                        .response()
                        .error()
                        .orElseThrow()
                        .message()
                        .contains(REFUSAL),
                events.toString());
        assertTrue(events.get(1).isError(), events.toString());
    }

    /** A heartbeat first, then {@code event} and its data only: no second head, no plain body. */
    private static void assertHeartbeatThenOnly(List<String> lines, int event) {
        assertTrue(event > 0, "no error event: " + lines);
        assertEquals(HEARTBEAT, lines.get(0), "the head went out with a heartbeat: " + lines);
        for (String line : lines) {
            assertTrue(
                    line.isEmpty()
                            || line.equals(HEARTBEAT)
                            || line.startsWith("event: ")
                            || line.startsWith("data: "),
                    "only server-sent events in the open stream, no second head or plain body: "
                            + lines);
        }
    }

    private String base(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    private List<String> post(String path, String body) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base(path)))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), "the head the heartbeat sent");
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("text/event-stream"),
                response.headers().toString());
        return response.body().toList();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
