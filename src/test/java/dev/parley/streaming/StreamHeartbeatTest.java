package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.local.LocalStreamFunction;
import dev.parley.testing.Emulator;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer whose first token is slow (the emulator holds it back) is not silent: SSE
 * comment heartbeats ({@code : keep-alive}) arrive before the first event, through the local
 * gateway and the stream function's runtime loop as deployed (what {@code curl -N} shows), on
 * Parley's SSE chat and on the OpenAI stream. The interval is 300 ms here (10 s by default).
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
@TestProfile(StreamHeartbeatTest.Profile.class)
class StreamHeartbeatTest {
    private static final String HEARTBEAT = ": keep-alive";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.streaming.heartbeat-interval", "300ms");
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
    void aSlowFirstTokenIsPrecededByHeartbeatsOnParleysChat() throws Exception {
        Emulator.control().latency(2000, 0);
        List<String> lines = post("/v1/chat", "{\"message\": \"one two three\"}");
        int firstHeartbeat = lines.indexOf(HEARTBEAT);
        int firstEvent = indexOfPrefix(lines, "event: ");
        assertTrue(firstHeartbeat >= 0, "no heartbeat: " + lines);
        assertTrue(firstHeartbeat < firstEvent, "heartbeats come before the first token: " + lines);
        assertEquals(
                "event: end",
                lines.stream().filter(l -> l.startsWith("event: ")).reduce((a, b) -> b).orElse(""),
                "the answer is complete after the heartbeats: " + lines);
    }

    @Test
    void aSlowFirstTokenIsPrecededByHeartbeatsOnTheOpenAiStream() throws Exception {
        Emulator.control().latency(2000, 0);
        List<String> lines =
                post(
                        "/openai/v1/chat/completions",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
        int firstHeartbeat = lines.indexOf(HEARTBEAT);
        assertTrue(firstHeartbeat >= 0, "no heartbeat: " + lines);
        assertTrue(firstHeartbeat < indexOfPrefix(lines, "data: "), lines.toString());
        assertEquals(
                "data: [DONE]",
                lines.stream().filter(l -> l.startsWith("data: ")).reduce((a, b) -> b).orElse(""));
    }

    private List<String> post(String path, String body) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + gateway.port() + path))
                                .header("Accept", "text/event-stream")
                                .header("X-Local-User", "heartbeat-user")
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        return response.body().toList();
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
