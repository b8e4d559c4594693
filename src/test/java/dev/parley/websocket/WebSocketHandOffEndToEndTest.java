package dev.parley.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.local.LambdaApiControl;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.HandOffs;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket client chats through the local API gateway, as against a deployment: the gateway
 * sends the message to the function, which validates it, hands the turn to the stream function
 * through the Lambda stand-in and answers at once; the handed-off invocation streams the frames,
 * which the Management API stand-in passes to the client's socket.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class WebSocketHandOffEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message the client received, and when. */
    private record Received(JsonNode frame, long atMillis) {
        String type() {
            return frame.path("type").asText(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private LocalManagementApi management;
    private LocalApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Emulator.control().reset();
        Frames.control().reset();
        HandOffs.control().reset();
        management = LocalManagementApi.start("127.0.0.1", 0);
        gateway =
                LocalApiGateway.start(
                        "127.0.0.1",
                        0,
                        URI.create(
                                RestAssured.baseURI
                                        + ":"
                                        + RestAssured.port
                                        + RestAssured.basePath),
                        management);
        // The function posts to the test's Management API stand-in; it passes frames on to this
        // gateway's.
        Frames.control().forwardTo(management.endpoint());
    }

    @AfterEach
    void stop() {
        Frames.control().reset();
        Emulator.control().reset();
        gateway.close();
        management.close();
    }

    @Test
    void aStreamedChatArrivesInOrderAfterTheReceivingInvocationHasAnsweredAndIsStored()
            throws Exception {
        // 40 ms per word: the reply streams for well over half a second.
        Emulator.control().latency(0, 40);
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        WebSocket socket =
                http.newWebSocketBuilder()
                        .header("X-Local-User", "e2e")
                        .buildAsync(
                                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"),
                                new WebSocket.Listener() {
                                    private final StringBuilder text = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket webSocket, CharSequence data, boolean last) {
                                        text.append(data);
                                        if (last) {
                                            try {
                                                received.add(
                                                        new Received(
                                                                JSON.readTree(text.toString()),
                                                                System.currentTimeMillis()));
                                            } catch (Exception e) {
                                                received.add(
                                                        new Received(
                                                                JSON.getNodeFactory()
                                                                        .textNode(text.toString()),
                                                                System.currentTimeMillis()));
                                            }
                                            text.setLength(0);
                                        }
                                        webSocket.request(1);
                                        return null;
                                    }
                                })
                        .get(10, TimeUnit.SECONDS);
        socket.sendText(
                        JSON.createObjectNode()
                                .put("action", "chat")
                                .put("message", StreamingChatTest.TEXT)
                                .toString(),
                        true)
                .get(5, TimeUnit.SECONDS);

        List<Received> frames = new ArrayList<>();
        while (frames.isEmpty()
                || !List.of("end", "error").contains(frames.get(frames.size() - 1).type())) {
            Received next = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(next, "no end frame within 30 s; got " + frames);
            frames.add(next);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        assertTrue(
                frames.stream().allMatch(f -> f.type() != null),
                "only Parley frames, no gateway message: " + frames);
        assertEquals("start", frames.get(0).type(), frames.toString());
        assertEquals("end", frames.get(frames.size() - 1).type(), frames.toString());
        List<Received> deltas = frames.subList(1, frames.size() - 1);
        assertTrue(
                deltas.size() >= 2 && deltas.stream().allMatch(f -> f.type().equals("delta")),
                frames.toString());

        // The receiving invocation handed the turn off (and answered) before the first delta; the
        // handed-off invocation ran until the end frame.
        assertTrue(HandOffs.control().awaitIdle(Duration.ofSeconds(30)));
        List<LambdaApiControl.Invocation> handOffs = HandOffs.control().invocations();
        assertEquals(1, handOffs.size());
        assertTrue(
                handOffs.get(0).acceptedAtMillis() < deltas.get(0).atMillis(),
                "handed off before the first delta");
        assertTrue(
                frames.get(frames.size() - 1).atMillis() - handOffs.get(0).acceptedAtMillis()
                        >= 300,
                "the stream went on long after the hand-off");
        assertTrue(
                handOffs.get(0).completedAtMillis()
                        >= frames.get(frames.size() - 1).atMillis() - 50,
                "the handed-off invocation streamed the turn");

        StringBuilder text = new StringBuilder();
        deltas.forEach(f -> text.append(f.frame().path("text").asText()));
        String id = frames.get(0).frame().path("conversationId").asText();
        HttpResponse<String> stored =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + gateway.port()
                                                        + "/v1/conversations/"
                                                        + id))
                                .header("X-Local-User", "e2e")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        JsonNode conversation = JSON.readTree(stored.body());
        assertEquals(2, conversation.path("messages").size());
        assertEquals(
                text.toString(),
                conversation.path("messages").get(1).at("/content/0/text").asText());
    }
}
