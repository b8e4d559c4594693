package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the local gateway does at the edges a newcomer's curl and wscat reach: a query string it
 * cannot decode, and WebSocket messages around API Gateway's 32 KB frame and 128 KB message quotas.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class LocalGatewayEdgesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the socket saw: a text message, or its close (code and reason). */
    private record Event(String text, Integer closeCode) {}

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
        Frames.control().forwardTo(management.endpoint());
    }

    @AfterEach
    void stop() {
        Frames.control().reset();
        gateway.close();
        management.close();
    }

    @Test
    void aMalformedEscapeInTheQueryStringIsA400InParleysShape() throws Exception {
        // java.net.URI refuses such a URI, so the request line is written by hand, as curl sends
        // it.
        String response;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream()
                    .write(
                            ("GET /v1/conversations?cursor=%%% HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode error = JSON.readTree(body).path("error");
        assertEquals("bad_request", error.path("code").asText(), body);
        assertTrue(error.path("message").asText().contains("query string"), body);
        assertFalse(body.contains("Exception"), body);
    }

    @Test
    void aFrameOverThirtyTwoKilobytesGetsAnErrorFrameThenTheCloseApiGatewaySends()
            throws Exception {
        // One 40 KB frame, as wscat sends a message (the JDK client would split it into smaller
        // frames).
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.http.WebSocket socket =
                    vertx.createHttpClient()
                            .webSocket(
                                    new WebSocketConnectOptions()
                                            .setHost("127.0.0.1")
                                            .setPort(gateway.port())
                                            .setURI("/ws")
                                            .addHeader("X-Local-User", "edges"))
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(text -> events.add(new Event(text, null)));
            socket.closeHandler(
                    closed -> events.add(new Event(null, (int) socket.closeStatusCode())));
            socket.writeFrame(WebSocketFrame.textFrame(chat(40 * 1024), true))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);

            JsonNode frame = JSON.readTree(next(events).text());
            assertEquals("error", frame.path("type").asText(), frame.toString());
            assertEquals("payload_too_large", frame.at("/error/code").asText(), frame.toString());
            assertTrue(frame.at("/error/message").asText().contains("32 KB"), frame.toString());
            assertEquals(1009, next(events).closeCode());
            assertTrue(Emulator.control().calls().isEmpty(), "the function never saw the message");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageOverOneHundredTwentyEightKilobytesInSmallFramesIsRefusedToo() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket = connect(events);
        String message = chat(130 * 1024);
        int piece = 30 * 1024;
        for (int from = 0; from < message.length(); from += piece) {
            int to = Math.min(message.length(), from + piece);
            socket.sendText(message.substring(from, to), to == message.length())
                    .get(5, TimeUnit.SECONDS);
        }
        JsonNode frame = JSON.readTree(next(events).text());
        assertEquals("payload_too_large", frame.at("/error/code").asText(), frame.toString());
        assertTrue(frame.at("/error/message").asText().contains("128 KB"), frame.toString());
        assertEquals(1009, next(events).closeCode());
    }

    @Test
    void aMessageOverOneFrameSentAsSeveralFramesIsServed() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        WebSocket socket = connect(events);
        String message = chat(40 * 1024);
        int half = message.length() / 2;
        socket.sendText(message.substring(0, half), false).get(5, TimeUnit.SECONDS);
        socket.sendText(message.substring(half), true).get(5, TimeUnit.SECONDS);

        JsonNode first = JSON.readTree(next(events).text());
        assertEquals("start", first.path("type").asText(), first.toString());
        JsonNode last = first;
        while (!"end".equals(last.path("type").asText())) {
            Event event = next(events);
            assertNotNull(event.text(), "closed before the end frame: " + event);
            last = JSON.readTree(event.text());
            assertFalse("error".equals(last.path("type").asText()), last.toString());
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private static String chat(int bytes) {
        String head = "{\"action\":\"chat\",\"message\":\"";
        return head + "a".repeat(bytes - head.length() - 2) + "\"}";
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "nothing arrived within 30 s");
        return event;
    }

    private WebSocket connect(BlockingQueue<Event> events) throws Exception {
        return http.newWebSocketBuilder()
                .header("X-Local-User", "edges")
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(
                                    WebSocket webSocket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    events.add(new Event(text.toString(), null));
                                    text.setLength(0);
                                }
                                webSocket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(
                                    WebSocket webSocket, int statusCode, String reason) {
                                events.add(new Event(null, statusCode));
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
    }
}
