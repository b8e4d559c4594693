package dev.parley.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.LambdaApiControl;
import dev.parley.local.LocalLambdaApi;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.local.StandIns;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Frames;
import dev.parley.testing.HandOffs;
import dev.parley.testing.Lambda;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket chat hand-off: the function that receives the message validates it, hands the turn
 * to the stream function with the real Lambda client (Invoke, Event) against the Lambda stand-in,
 * and answers at once; the stand-in delivers the turn to the function, which streams it. A failed
 * hand-off (Lambda's real error shapes, from the stand-in or the fault proxy in front of it) is an
 * error frame naming the problem, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class HandOffTest {
    private static final String TEXT = StreamingChatTest.TEXT;

    @BeforeEach
    @AfterEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
        Faults.lambda().reset();
        HandOffs.control().reset();
    }

    private static String connection() {
        return "conn-" + UUID.randomUUID();
    }

    private static ObjectNode chat(String connection, String user, Map<String, Object> body) {
        return Lambda.webSocketMessage(connection, user, body);
    }

    @Test
    void theReceivingInvocationAnswersBeforeTheStreamAndTheStreamStillCompletes() {
        // Every delta is held: the receiving invocation must answer while none has gone out, so it
        // answered before the stream, not after it (an order, which load cannot change).
        Emulator.control().holdDeltas();
        String connection = connection();
        Lambda.ProxyResult answer =
                Lambda.invokeOnly(
                        chat(connection, "hal", Map.of("action", "chat", "message", TEXT)));
        long answered = System.currentTimeMillis();
        assertEquals(200, answer.raw().path("statusCode").asInt(), answer.toString());
        assertEquals(
                0,
                Emulator.control().releaseAllDeltas(),
                "no delta had gone out when the receiving invocation answered");
        assertTrue(HandOffs.control().awaitIdle(Duration.ofSeconds(60)));

        List<Frame> frames = Frames.control().frames(connection);
        assertEquals("start", frames.get(0).type());
        assertEquals("end", frames.get(frames.size() - 1).type());
        assertTrue(
                frames.subList(1, frames.size() - 1).stream()
                        .allMatch(f -> f.type().equals("delta")),
                frames.toString());
        assertTrue(frames.size() > 3, "the stream completed after the answer: " + frames);

        // One Event invocation of the stream function's alias, carrying the caller and the message.
        List<LambdaApiControl.Invocation> invocations = HandOffs.control().invocations();
        assertEquals(1, invocations.size());
        LambdaApiControl.Invocation handOff = invocations.get(0);
        assertEquals("Event", handOff.type());
        assertEquals(LocalLambdaApi.arn(StandIns.STREAM_FUNCTION, "live"), handOff.function());
        JsonNode turn = handOff.payload().path("parleyChatStream");
        assertEquals(1, handOff.payload().size(), "the envelope is the only field");
        assertEquals("hal", turn.path("caller").asText());
        assertEquals(connection, turn.path("connectionId").asText());
        assertTrue(turn.path("body").asText().contains("river festival"));
        assertTrue(handOff.acceptedAtMillis() <= answered);

        // Stored exactly as POST /v1/chat stores it, with the streamed text as the reply.
        String id = frames.get(0).data().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("hal", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size());
        assertEquals(
                StreamingChatTest.deltas(frames),
                stored.path("messages").get(1).at("/content/0/text").asText());
    }

    @Test
    void aMalformedTurnGetsItsErrorFrameFromTheReceivingInvocationAndIsNotHandedOff() {
        for (Map<String, Object> body :
                List.<Map<String, Object>>of(
                        Map.of("action", "chat"),
                        Map.of("action", "chat", "message", "hi", "model", "gpt-4"),
                        Map.of("action", "chat", "message", "hi", "tools", List.of("calculator")),
                        Map.of("action", "chat", "message", "hi", "conversationId", "../x"))) {
            String connection = connection();
            Lambda.invokeOnly(chat(connection, "ivy", body));
            List<Frame> frames = Frames.control().frames(connection);
            assertEquals(
                    1,
                    frames.size(),
                    "the error frame is there when the invocation answers: " + body);
            assertEquals("error", frames.get(0).type());
        }
        assertTrue(HandOffs.control().invocations().isEmpty(), "nothing was handed off");
        assertTrue(Emulator.control().calls().isEmpty());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        "throttled",
                        AwsErrors.lambda(429, "TooManyRequestsException", "Rate Exceeded."),
                        "throttled",
                        "throttled"),
                Arguments.of(
                        "access denied",
                        AwsErrors.lambda(
                                403,
                                "AccessDeniedException",
                                "User: arn:aws:sts::"
                                        + "123456789012:assumed-role/parley/ParleyFunction is not authorized to perform:"
                                        + " lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:"
                                        + "parley-stream:live because no identity-based policy allows the lambda:InvokeFunction action"),
                        "stream_unavailable",
                        "lambda:InvokeFunction"),
                Arguments.of(
                        "payload too large",
                        AwsErrors.lambda(
                                413,
                                "RequestEntityTooLargeException",
                                "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)"),
                        "payload_too_large",
                        "too large"),
                Arguments.of(
                        "Lambda failing",
                        AwsErrors.lambda(500, "ServiceException", "Internal error"),
                        "stream_unavailable",
                        "ServiceException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedHandOffIsAnErrorFrameAndStoresNothing(
            String name, Fault fault, String code, String mentions) {
        Faults.lambda().add(FaultRule.when("POST", "/invocations").then(fault));
        String user = "refused-" + code;
        String connection = connection();
        Lambda.ProxyResult answer =
                Lambda.invoke(chat(connection, user, Map.of("action", "chat", "message", TEXT)));
        assertEquals(200, answer.raw().path("statusCode").asInt());
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(1, frames.size(), frames.toString());
        JsonNode error = frames.get(0).data().path("error");
        assertEquals("error", frames.get(0).type());
        assertEquals(code, error.path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().contains(mentions), error.toString());
        assertFalse(
                error.toString().contains("123456789012"),
                "no account id or role in the frame: " + error);
        assertTrue(HandOffs.control().invocations().isEmpty(), "nothing reached Lambda");
        assertTrue(Emulator.control().calls().isEmpty(), "no model call");
        assertEquals(
                0,
                Lambda.invoke(Lambda.as(user, Lambda.http("GET", "/v1/conversations", null)))
                        .body()
                        .path("conversations")
                        .size(),
                "nothing stored");
    }

    @Test
    void aHandOffLambdaDidNotConfirmIsNotRetriedSoTheTurnCannotRunTwice() {
        // The stand-in queues the event, but its 202 is held back past the client's 2 s attempt
        // timeout.
        Faults.lambda().add(FaultRule.when("POST", "/invocations").then(new Fault.Delay(2_500)));
        String connection = connection();
        Lambda.invoke(chat(connection, "kai", Map.of("action", "chat", "message", TEXT)));
        assertEquals(
                1,
                HandOffs.control().invocations().size(),
                "one attempt only: a retry could duplicate the turn");
        List<Frame> frames = Frames.control().frames(connection);
        JsonNode error =
                frames.stream()
                        .filter(f -> f.type().equals("error"))
                        .findFirst()
                        .orElseThrow()
                        .data();
        assertEquals("stream_unavailable", error.at("/error/code").asText());
        assertTrue(
                error.at("/error/message").asText().contains("did not answer"), error.toString());
        assertEquals(
                1,
                frames.stream().filter(f -> f.type().equals("start")).count(),
                "the turn ran once: " + frames);
    }

    @Test
    void aThrottledHandOffIsRetriedAndThenStreams() {
        Faults.lambda()
                .add(
                        FaultRule.when("POST", "/invocations")
                                .times(1)
                                .then(
                                        AwsErrors.lambda(
                                                429,
                                                "TooManyRequestsException",
                                                "Rate Exceeded.")));
        String connection = connection();
        Lambda.invoke(chat(connection, "lea", Map.of("action", "chat", "message", TEXT)));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals("end", frames.get(frames.size() - 1).type(), frames.toString());
        assertEquals(1, HandOffs.control().invocations().size());
        // The throttle fired on the first hand-off and the retry went through: two Invoke requests
        // reached the proxy, the first answered with the scripted 429, the second passed.
        List<dev.parley.local.faults.FaultControl.Request> invokes =
                Faults.lambda().requests().stream()
                        .filter(
                                r ->
                                        r.method().equals("POST")
                                                && r.target().contains("/invocations"))
                        .toList();
        assertEquals(2, invokes.size(), invokes.toString());
        assertTrue(!"pass".equals(invokes.get(0).fault()), invokes.toString());
        assertEquals("pass", invokes.get(1).fault(), invokes.toString());
    }

    @Test
    void aMissingStreamFunctionIsAnErrorFrameNamingIt() {
        HandOffs.control().remove(StandIns.STREAM_FUNCTION);
        String connection = connection();
        Lambda.invoke(chat(connection, "jo", Map.of("action", "chat", "message", TEXT)));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(1, frames.size(), frames.toString());
        JsonNode error = frames.get(0).data().path("error");
        assertEquals("stream_unavailable", error.path("code").asText());
        assertTrue(
                error.path("message").asText().contains("'parley-stream:live' does not exist"),
                error.toString());
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void aForgedOrBrokenHandOffIsRefusedWithoutAFrame() {
        ObjectNode sample = Lambda.event("websocket-chat-handoff.json");
        for (Map.Entry<String, String> broken :
                Map.of(
                                "managementEndpoint", "https://evil.example/steal?x=",
                                "connectionId", "../../@connections/other",
                                "caller", "bad\u0000caller",
                                "handOffId", "x\"}, \"pk\": {\"S\": \"CONV#1")
                        .entrySet()) {
            ObjectNode event = sample.deepCopy();
            ((ObjectNode) event.get("parleyChatStream")).put(broken.getKey(), broken.getValue());
            Lambda.ProxyResult result = Lambda.invoke(event);
            assertEquals(
                    "unsupported_event",
                    result.raw().at("/error/code").asText(),
                    result.toString());
            assertTrue(
                    result.raw().at("/error/message").asText().contains(broken.getKey()),
                    result.toString());
        }
        ObjectNode future = sample.deepCopy();
        ((ObjectNode) future.get("parleyChatStream")).put("version", 2);
        assertEquals("unsupported_event", Lambda.invoke(future).raw().at("/error/code").asText());
        assertTrue(
                Frames.control().frames("L8mXkcCyIAMCLJA=").isEmpty(), "no frame posted anywhere");
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void aHandOffLambdaDeliversTwiceStreamsAndIsStoredOnce() {
        String connection = connection();
        Lambda.invoke(chat(connection, "max", Map.of("action", "chat", "message", TEXT)));
        List<Frame> first = Frames.control().frames(connection);
        assertEquals("end", first.get(first.size() - 1).type(), first.toString());
        JsonNode handOff = HandOffs.control().invocations().get(0).payload();
        assertTrue(
                handOff.at("/parleyChatStream/handOffId").asText().matches("[0-9a-f-]{36}"),
                handOff.toString());

        // Lambda's queue delivers the very same event again.
        Lambda.ProxyResult again = Lambda.invoke(handOff);
        assertTrue(again.raw().path("duplicate").asBoolean(), again.toString());
        assertEquals(
                first.size(),
                Frames.control().frames(connection).size(),
                "no second set of frames");
        assertEquals(1, Emulator.control().calls().size(), "the model was called once");
        String id = first.get(0).data().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("max", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size(), "one turn stored: " + stored);

        // Another hand-off of the same message (a new id) is a new turn, as the client asked twice.
        ObjectNode resent = handOff.deepCopy();
        ((ObjectNode) resent.get("parleyChatStream"))
                .put("handOffId", UUID.randomUUID().toString());
        assertFalse(Lambda.invoke(resent).raw().path("duplicate").asBoolean());
        assertEquals(2, Emulator.control().calls().size());
    }

    @Test
    void aClaimWhoseAnswerWasLostIsStillOursSoTheTurnStreamsOnce() {
        String connection = connection();
        Lambda.invoke(chat(connection, "oda", Map.of("action", "chat", "message", TEXT)));
        ObjectNode handOff = HandOffs.control().invocations().get(0).payload().deepCopy();
        ((ObjectNode) handOff.get("parleyChatStream"))
                .put("handOffId", UUID.randomUUID().toString());
        int framesBefore = Frames.control().frames(connection).size();

        // The claim's PutItem reaches DynamoDB Local and is written, but the connection is reset
        // before its answer: the SDK retries, and the retry's condition finds the first attempt's
        // claim.
        Faults.dynamodb()
                .add(
                        FaultRule.when("POST", "/")
                                .header("X-Amz-Target", ".*PutItem")
                                .times(1)
                                .then(new Fault.ResetAfter(0)));
        Lambda.ProxyResult result;
        try {
            result = Lambda.invoke(handOff);
        } finally {
            Faults.dynamodb().reset();
        }
        assertFalse(
                result.raw().path("duplicate").asBoolean(),
                "our own claim is not a duplicate: " + result);
        List<Frame> frames = Frames.control().frames(connection);
        List<Frame> second = frames.subList(framesBefore, frames.size());
        assertEquals("start", second.get(0).type(), frames.toString());
        assertEquals("end", second.get(second.size() - 1).type(), frames.toString());
        assertEquals(
                1,
                second.stream().filter(f -> f.type().equals("start")).count(),
                "streamed once: " + second);
        assertEquals(2, Emulator.control().calls().size(), "the model was called for the turn");
        String id = second.get(0).data().path("conversationId").asText();
        JsonNode stored =
                Lambda.invoke(Lambda.as("oda", Lambda.http("GET", "/v1/conversations/" + id, null)))
                        .body();
        assertEquals(2, stored.path("messages").size(), "the turn stored once: " + stored);
    }

    @Test
    void aClaimTheStoreRefusesIsAnErrorFrameAndNothingStreams() {
        // Every PutItem fails (the SDK's retries included): the claim cannot be taken.
        Faults.dynamodb()
                .add(
                        FaultRule.when("POST", "/")
                                .header("X-Amz-Target", ".*PutItem")
                                .then(AwsErrors.dynamoInternalServerError()));
        try {
            String connection = connection();
            Lambda.invoke(chat(connection, "ned", Map.of("action", "chat", "message", TEXT)));
            List<Frame> frames = Frames.control().frames(connection);
            assertEquals(1, frames.size(), frames.toString());
            assertEquals(
                    "store_unavailable",
                    frames.get(0).data().at("/error/code").asText(),
                    frames.toString());
            assertTrue(Emulator.control().calls().isEmpty(), "no model call without the claim");
        } finally {
            Faults.dynamodb().reset();
        }
    }

    @Test
    void theSampleHandOffStreamsItsTurn() {
        Lambda.ProxyResult result = Lambda.invoke(Lambda.event("websocket-chat-handoff.json"));
        assertEquals(200, result.raw().path("statusCode").asInt(), result.toString());
        List<Frame> frames = Frames.control().frames("L8mXkcCyIAMCLJA=");
        assertEquals("start", frames.get(0).type());
        assertEquals("end", frames.get(frames.size() - 1).type());
    }
}
