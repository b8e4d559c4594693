package dev.parley.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat over the WebSocket API: ConverseStream from the emulator, frames to the Management API stand-in. */
@QuarkusTest
class StreamingChatTest {
    static final String TEXT =
            "Summarize: The river festival returns this weekend. Forty thousand visitors are"
                    + " expected. Twelve stages line the Danube. Trams run all night on Saturday. Fireworks close it on Sunday.";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    static String connection() {
        return "conn-" + UUID.randomUUID();
    }

    static ProxyResult send(String connectionId, String user, Object body) {
        return Lambda.invoke(Lambda.webSocketMessage(connectionId, user, body));
    }

    static String deltas(List<Frame> frames) {
        StringBuilder text = new StringBuilder();
        frames.stream()
                .filter(f -> f.type().equals("delta"))
                .forEach(f -> text.append(f.data().path("text").asText()));
        return text.toString();
    }

    @Test
    void framesArriveInOrderAndTheirTextIsTheStoredReply() {
        String connection = connection();
        ProxyResult result = send(connection, "sam", Map.of("action", "chat", "message", TEXT));
        assertEquals(200, result.raw().path("statusCode").asInt());

        List<Frame> frames = Frames.control().frames(connection);
        assertEquals("start", frames.get(0).type());
        assertEquals("end", frames.get(frames.size() - 1).type());
        assertTrue(
                frames.subList(1, frames.size() - 1).stream()
                        .allMatch(f -> f.type().equals("delta")));
        JsonNode start = frames.get(0).data();
        JsonNode end = frames.get(frames.size() - 1).data();
        assertEquals(1, start.path("turn").asInt());
        assertEquals("end_turn", end.path("stopReason").asText());
        assertTrue(end.path("usage").path("outputTokens").asInt() > 0);
        assertTrue(end.has("latencyMs"));

        String id = start.path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("sam", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size());
        assertEquals(deltas(frames), stored.path("messages").get(1).at("/content/0/text").asText());
        assertFalse(deltas(frames).isBlank());
        assertEquals(
                "converse-stream", Emulator.control().calls().get(0).path("operation").asText());
    }

    @Test
    void aStreamedTurnContinuesAConversationLikePostChat() {
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as("sue", Lambda.http("POST", "/v1/chat", Map.of("message", TEXT))));
        String id = first.body().path("conversationId").asText();
        String connection = connection();
        send(
                connection,
                "sue",
                Map.of("action", "chat", "conversationId", id, "message", "Make it one sentence."));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(2, frames.get(0).data().path("turn").asInt());
        JsonNode sent = Emulator.control().calls().get(1).at("/body/messages");
        assertEquals(3, sent.size(), "the stream saw the history");
        JsonNode stored =
                Lambda.invoke(Lambda.as("sue", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(4, stored.path("messages").size());
        assertEquals(2, stored.path("turns").asInt());
    }

    @Test
    void theFirstDeltaIsPostedBeforeTheModelFinishes() {
        // 30 ms per word: a reply of ~20 words streams for over half a second.
        Emulator.control().latency(0, 30);
        String connection = connection();
        send(connection, "tim", Map.of("action", "chat", "message", TEXT));
        List<Frame> frames = Frames.control().frames(connection);
        List<Frame> deltas = frames.stream().filter(f -> f.type().equals("delta")).toList();
        long firstDelta = deltas.get(0).receivedAtMillis();
        long end = frames.get(frames.size() - 1).receivedAtMillis();
        assertTrue(deltas.size() >= 2, "several deltas: " + deltas.size());
        assertTrue(
                end - firstDelta >= 300,
                "the first delta arrived " + (end - firstDelta) + " ms before the end");
    }

    @Test
    void coalescingBoundsTheNumberOfPosts() {
        // 5 ms per word with the default 50 ms coalescing: about ten words per post.
        Emulator.control().latency(0, 5);
        String long80 =
                ("Summarize: " + "Parley streams replies over WebSockets. ".repeat(40)).trim();
        Emulator.control().scriptText(null, "word ".repeat(80).trim());
        String connection = connection();
        send(connection, "uma", Map.of("action", "chat", "message", long80));
        List<Frame> deltas =
                Frames.control().frames(connection).stream()
                        .filter(f -> f.type().equals("delta"))
                        .toList();
        assertEquals("word ".repeat(80).trim(), deltas(Frames.control().frames(connection)));
        assertTrue(deltas.size() < 30, "80 words in " + deltas.size() + " posts");
    }

    @Test
    void framesStayUnderTheFrameSizeLimit() {
        String huge = "x".repeat(20_000);
        Emulator.control().scriptText(null, huge);
        String connection = connection();
        send(
                connection,
                "ada",
                Map.of(
                        "action",
                        "chat",
                        "message",
                        "Say something long",
                        "inferenceConfig",
                        Map.of("maxTokens", 10000)));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(huge, deltas(frames));
        assertTrue(
                frames.stream()
                        .filter(f -> f.type().equals("delta"))
                        .allMatch(f -> f.data().path("text").asText().length() <= 8000));
        assertTrue(
                frames.stream().allMatch(f -> f.data().toString().length() < 32 * 1024),
                "API Gateway's 32 KB frames");
    }

    @Test
    void aClientThatDisconnectsMidStreamStillGetsItsTurnStored() {
        Emulator.control().latency(0, 10);
        String connection = connection();
        Frames.control().goneAfter(connection, 2);
        send(connection, "vic", Map.of("action", "chat", "message", TEXT));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(2, frames.size(), "posting stopped once the client was gone");
        String id = frames.get(0).data().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("vic", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size(), "the turn completed and was stored");
        assertFalse(stored.path("messages").get(1).at("/content/0/text").asText().isBlank());
    }

    @Test
    void aModelErrorMidStreamSendsAnErrorFrameAndStoresNothing() {
        ProxyResult first =
                Lambda.invoke(
                        Lambda.as(
                                "wes",
                                Lambda.http("POST", "/v1/chat", Map.of("message", "Hello"))));
        String id = first.body().path("conversationId").asText();
        Emulator.control()
                .script(
                        "{\"reply\": {\"error\": {\"type\": \"modelStreamErrorException\","
                                + " \"message\": \"the model broke\"}}, \"streamErrorAfterDeltas\": 3}");
        String connection = connection();
        send(
                connection,
                "wes",
                Map.of("action", "chat", "conversationId", id, "message", "Tell me more about it"));
        List<Frame> frames = Frames.control().frames(connection);
        Frame last = frames.get(frames.size() - 1);
        assertEquals("error", last.type());
        assertEquals("model_error", last.data().at("/error/code").asText());
        assertTrue(
                frames.stream().anyMatch(f -> f.type().equals("delta")),
                "deltas came before the failure");
        JsonNode stored =
                Lambda.invoke(Lambda.as("wes", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size(), "the history is as it was before the turn");
        assertEquals(1, stored.path("turns").asInt());
    }

    @Test
    void throttlingBeforeTheStreamIsAnErrorFrame() {
        Emulator.control()
                .script(
                        "{\"reply\": {\"error\": {\"type\": \"ThrottlingException\"}}, \"times\": 3}");
        String connection = connection();
        send(connection, "xia", Map.of("action", "chat", "message", "Hi"));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals("throttled", frames.get(frames.size() - 1).data().at("/error/code").asText());
        assertEquals(
                0,
                Lambda.invoke(Lambda.as("xia", Lambda.http("GET", "/v1/conversations", null)))
                        .body()
                        .path("conversations")
                        .size());
    }

    @Test
    void malformedAndUnknownMessagesGetAnErrorFrame() {
        Map<Object, String> cases = new HashMap<>();
        cases.put("this is not json", "bad_request");
        cases.put(Map.of("action", "dance"), "bad_request");
        cases.put(Map.of("message", "no action"), "bad_request");
        cases.put(Map.of("action", "chat"), "validation_error");
        cases.put(Map.of("action", "chat", "message", "hi", "model", "gpt-4"), "model_not_allowed");
        cases.put(
                Map.of("action", "chat", "message", "hi", "tools", List.of("calculator")),
                "validation_error");
        for (Map.Entry<Object, String> entry : cases.entrySet()) {
            String connection = connection();
            ProxyResult result = send(connection, "yan", entry.getKey());
            assertEquals(200, result.raw().path("statusCode").asInt());
            List<Frame> frames = Frames.control().frames(connection);
            assertEquals(1, frames.size(), entry.getKey().toString());
            assertEquals("error", frames.get(0).type());
            assertEquals(
                    entry.getValue(),
                    frames.get(0).data().at("/error/code").asText(),
                    entry.getKey().toString());
        }
        assertTrue(Frames.control().frames("nobody").isEmpty());
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void anotherUsersConversationIsRefused() {
        String id =
                Lambda.invoke(
                                Lambda.as(
                                        "zoe",
                                        Lambda.http("POST", "/v1/chat", Map.of("message", "Mine"))))
                        .body()
                        .path("conversationId")
                        .asText();
        String connection = connection();
        send(
                connection,
                "mallory",
                Map.of("action", "chat", "conversationId", id, "message", "Let me in"));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(1, frames.size());
        assertEquals("not_found", frames.get(0).data().at("/error/code").asText());
        assertEquals(1, Emulator.control().calls().size(), "only zoe's own turn reached the model");
    }

    @Test
    void connectAndDisconnectAreAccepted() {
        assertEquals(
                200,
                Lambda.invoke(Lambda.event("websocket-connect.json"))
                        .raw()
                        .path("statusCode")
                        .asInt());
        assertEquals(
                200,
                Lambda.invoke(Lambda.event("websocket-disconnect.json"))
                        .raw()
                        .path("statusCode")
                        .asInt());
    }
}
