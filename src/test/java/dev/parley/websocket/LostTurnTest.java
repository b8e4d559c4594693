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
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Frames;
import dev.parley.testing.HandOffs;
import dev.parley.testing.Lambda;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn Lambda accepted but the stream function never completed: Lambda's on-failure record of
 * the hand-off reaches ParleyFunction through the stream-failures queue (an SQS batch), and the
 * client's connection gets an error frame saying the reply was lost. The Lambda stand-in plays
 * Lambda's part (the expired event, the record, the queue's poller) with the real Lambda client
 * handing the turn off; frames go through the real Management API client.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class LostTurnTest {
    private static final String SAMPLE_CONNECTION = "L8mXkcCyIAMCLJA=";

    @BeforeEach
    @AfterEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
        Faults.management().reset();
        HandOffs.control().reset();
    }

    @Test
    void aHandOffThatExpiredInLambdasQueueGetsAnErrorFrameAndNothingIsStored() {
        HandOffs.control().expireNext(StandIns.STREAM_FUNCTION);
        String connection = "conn-" + UUID.randomUUID();
        Lambda.ProxyResult answer =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                connection,
                                "mia",
                                Map.of("action", "chat", "message", StreamingChatTest.TEXT)));
        assertEquals(200, answer.raw().path("statusCode").asInt(), answer.toString());

        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(1, frames.size(), frames.toString());
        JsonNode error = frames.get(0).data().path("error");
        assertEquals("error", frames.get(0).type());
        assertEquals("stream_unavailable", error.path("code").asText(), error.toString());
        String message = error.path("message").asText();
        assertTrue(message.startsWith("the reply was lost"), message);
        assertTrue(message.contains("EventAgeExceeded"), message);
        assertTrue(message.contains("nothing was stored; send the message again"), message);

        // The hand-off (Event), then the queue's poller delivering Lambda's record to
        // ParleyFunction.
        List<LambdaApiControl.Invocation> invocations = HandOffs.control().invocations();
        assertEquals(2, invocations.size(), invocations.toString());
        JsonNode handOff = invocations.get(0).payload().path("parleyChatStream");
        assertEquals(
                handOff.path("requestId").asText(),
                error.path("requestId").asText(),
                "the frame names the message's request id");
        LambdaApiControl.Invocation poll = invocations.get(1);
        assertEquals(LocalLambdaApi.arn(StandIns.FUNCTION, null), poll.function());
        JsonNode message0 = poll.payload().path("Records").get(0);
        assertEquals("aws:sqs", message0.path("eventSource").asText());
        assertEquals(StandIns.STREAM_FAILED_QUEUE, message0.path("eventSourceARN").asText());
        JsonNode record = parse(message0.path("body").asText());
        assertEquals("EventAgeExceeded", record.at("/requestContext/condition").asText());
        assertEquals(0, record.at("/requestContext/approximateInvokeCount").asInt());
        assertEquals(handOff, record.at("/requestPayload/parleyChatStream"));

        assertTrue(Emulator.control().calls().isEmpty(), "the model was never called");
        assertEquals(
                0,
                Lambda.invoke(Lambda.as("mia", Lambda.http("GET", "/v1/conversations", null)))
                        .body()
                        .path("conversations")
                        .size(),
                "nothing stored");
    }

    @Test
    void aCompletedTurnProducesNoRecordAndNoExtraFrame() {
        String connection = "conn-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection, "noa", Map.of("action", "chat", "message", "Hello")));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals("end", frames.get(frames.size() - 1).type(), frames.toString());
        assertTrue(frames.stream().noneMatch(f -> f.type().equals("error")), frames.toString());
        assertEquals(
                1, HandOffs.control().invocations().size(), "no on-failure record was delivered");
    }

    @Test
    void aTurnTheStreamAlreadyReportedFailedGetsOneErrorFrameOnly() {
        // The model fails mid-stream: the stream reports it in its own frame and returns normally,
        // so Lambda has no failure to record and the client does not get a second error frame.
        Emulator.control()
                .scriptError(null, "AccessDeniedException", "You don't have access to the model");
        String connection = "conn-" + UUID.randomUUID();
        Lambda.invoke(
                Lambda.webSocketMessage(
                        connection, "ola", Map.of("action", "chat", "message", "Hello")));
        List<Frame> frames = Frames.control().frames(connection);
        assertEquals(
                1,
                frames.stream().filter(f -> f.type().equals("error")).count(),
                frames.toString());
        assertEquals(
                1, HandOffs.control().invocations().size(), "no on-failure record was delivered");
    }

    @Test
    void aRecordOfACrashedStreamInAnSqsBatchIsAnErrorFrameNamingTheCondition() {
        Lambda.ProxyResult result = Lambda.invoke(Lambda.event("sqs-chat-stream-failed.json"));
        assertTrue(result.raw().path("batchItemFailures").isArray(), result.toString());
        assertTrue(result.raw().path("batchItemFailures").isEmpty(), result.toString());
        List<Frame> frames = Frames.control().frames(SAMPLE_CONNECTION);
        assertEquals(1, frames.size(), frames.toString());
        JsonNode error = frames.get(0).data().path("error");
        assertEquals("stream_unavailable", error.path("code").asText());
        assertTrue(
                error.path("message").asText().contains("(RetriesExhausted, Runtime.ExitError)"),
                error.toString());
        assertEquals("L8mXkGjqIAMFeTw=", error.path("requestId").asText());
        assertFalse(
                error.toString().contains("signal: killed"),
                "the error message is never echoed: " + error);
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void theRecordSentDirectlyIsAnErrorFrameToo() {
        Lambda.ProxyResult result =
                Lambda.invoke(Lambda.event("lambda-on-failure-chat-stream.json"));
        assertTrue(result.raw().path("reported").asBoolean(), result.toString());
        assertEquals(1, Frames.control().frames(SAMPLE_CONNECTION).size());
    }

    @Test
    void aGoneConnectionEndsIt() {
        Frames.control().goneAfter(SAMPLE_CONNECTION, 0);
        Lambda.ProxyResult result = Lambda.invoke(Lambda.event("sqs-chat-stream-failed.json"));
        assertTrue(
                result.raw().path("batchItemFailures").isEmpty(),
                "a gone client needs no retry: " + result);
    }

    @Test
    void aPostThatFailedIsReportedSoTheQueueDeliversItAgain() {
        Faults.management()
                .add(
                        FaultRule.when("POST", "/@connections/")
                                .then(
                                        AwsErrors.management(
                                                500,
                                                "InternalServerErrorException",
                                                "Internal server error")));
        Lambda.ProxyResult result = Lambda.invoke(Lambda.event("sqs-chat-stream-failed.json"));
        assertEquals(
                "7b1f0c52-3d4e-4a8b-9c6d-1e2f3a4b5c6d",
                result.raw().at("/batchItemFailures/0/itemIdentifier").asText(),
                result.toString());
    }

    @Test
    void aForgedOrBrokenRecordPostsNoFrameAndIsNoServerError() {
        ObjectNode sample = Lambda.event("lambda-on-failure-chat-stream.json");
        Map<String, String> broken =
                Map.of(
                        "/requestPayload/parleyChatStream", "managementEndpoint",
                        "/requestContext", "condition");
        for (Map.Entry<String, String> field : broken.entrySet()) {
            ObjectNode record = sample.deepCopy();
            ((ObjectNode) record.at(field.getKey()))
                    .put(
                            field.getValue(),
                            field.getValue().equals("condition")
                                    ? "Retries Exhausted; drop table"
                                    : "https://evil.example/steal?x=");
            // Directly: refused as an unsupported event.
            Lambda.ProxyResult direct = Lambda.invoke(record);
            assertEquals(
                    "unsupported_event",
                    direct.raw().at("/error/code").asText(),
                    direct.toString());
            assertTrue(
                    direct.raw().at("/error/message").asText().contains(field.getValue()),
                    direct.toString());
            // In an SQS batch: reported failed (after three receives it rests in the dead-letter
            // queue).
            ObjectNode batch = Lambda.event("sqs-chat-stream-failed.json");
            ((ObjectNode) batch.at("/Records/0")).put("body", record.toString());
            Lambda.ProxyResult queued = Lambda.invoke(batch);
            assertEquals(
                    "7b1f0c52-3d4e-4a8b-9c6d-1e2f3a4b5c6d",
                    queued.raw().at("/batchItemFailures/0/itemIdentifier").asText(),
                    queued.toString());
        }
        ObjectNode success = sample.deepCopy();
        ((ObjectNode) success.get("requestContext")).put("condition", "Success");
        Lambda.invoke(success);
        assertTrue(
                Frames.control().frames(SAMPLE_CONNECTION).isEmpty(), "no frame posted anywhere");
        assertTrue(Emulator.control().calls().isEmpty());
    }

    private static JsonNode parse(String json) {
        try {
            return Lambda.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
