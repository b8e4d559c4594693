package dev.parley.faults;

import static dev.parley.faults.Turns.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.ManagementApiControl.Frame;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultControl;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Frames;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every route that calls Bedrock, the WebSocket stream included, with Bedrock failing between
 * the function and the emulator: AWS errors, connections reset, answers held back past the
 * client's timeout, and corrupt or cut event-stream frames. The caller gets the documented status
 * and code; a conversation is unchanged by a failed turn; an interrupted stream stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class ModelFaultsTest {
    private static final String USER = "model-faults";
    private static final String TEXT =
            "Summarize: The river festival returns this weekend. Forty thousand visitors are"
                    + " expected. Twelve stages line the Danube. Trams run all night on Saturday. Fireworks close it on Sunday.";
    private static final String CONVERSE = "/model/[^/]+/converse$";
    private static final String STREAM = "/model/[^/]+/converse-stream$";
    private static final String INVOKE = "/model/[^/]+/invoke$";

    /** Parley's Bedrock retry budget in this profile (parley.bedrock.retry.max-attempts). */
    private static final int MAX_ATTEMPTS = 3;

    @Inject DynamoDbClient dynamo;

    private FaultControl faults;

    @BeforeEach
    void reset() {
        Faults.resetAll();
        Emulator.control().reset();
        Frames.control().reset();
        faults = Faults.bedrock();
    }

    @AfterEach
    void clear() {
        Faults.resetAll();
        Emulator.control().reset();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(
                        "500 InternalServerException",
                        AwsErrors.bedrock(
                                500,
                                "InternalServerException",
                                "The system encountered an unexpected error"
                                        + " during processing. Try your request again."),
                        503,
                        "model_unavailable",
                        true),
                Arguments.of(
                        "503 ServiceUnavailableException",
                        AwsErrors.bedrock(
                                503,
                                "ServiceUnavailableException",
                                "Bedrock is unable to process your request."),
                        503,
                        "model_unavailable",
                        true),
                Arguments.of(
                        "429 ThrottlingException",
                        AwsErrors.bedrock(
                                429,
                                "ThrottlingException",
                                "Too many requests, please wait before trying again."),
                        429,
                        "throttled",
                        true),
                Arguments.of(
                        "connection reset before the answer",
                        new Fault.ResetAfter(0),
                        503,
                        "model_unavailable",
                        true),
                Arguments.of(
                        "connection reset inside the answer's headers",
                        new Fault.ResetAfter(40),
                        503,
                        "model_unavailable",
                        true),
                Arguments.of(
                        "body cut short", new Fault.Truncate(10), 503, "model_unavailable", false));
    }

    @ParameterizedTest(name = "summarize: {0}")
    @MethodSource("errors")
    void summarize(String label, Fault fault, int status, String code, boolean retried) {
        faults.add(FaultRule.when("POST", CONVERSE).then(fault));
        ProxyResult result = Lambda.post("/v1/summarize", Map.of("text", TEXT));
        assertFailed(label, result, status, code);
        assertAttempts(CONVERSE, retried);
    }

    @ParameterizedTest(name = "chat: {0}")
    @MethodSource("errors")
    void chatStoresNothing(String label, Fault fault, int status, String code, boolean retried) {
        String conversation = startConversation();
        List<String> before = snapshot(conversation);
        faults.add(FaultRule.when("POST", CONVERSE).then(fault));
        ProxyResult result = Turns.chat(USER, conversation, "Make it one sentence.");
        assertFailed(label, result, status, code);
        assertAttempts(CONVERSE, retried);
        faults.reset();
        assertEquals(before, snapshot(conversation), "the failed turn changed the conversation");
        assertEquals(
                200,
                Turns.chat(USER, conversation, "Make it one sentence.").status(),
                "the same turn works again");
    }

    @ParameterizedTest(name = "invoke: {0}")
    @MethodSource("errors")
    void invoke(String label, Fault fault, int status, String code, boolean retried) {
        faults.add(FaultRule.when("POST", INVOKE).then(fault));
        ProxyResult result = Lambda.invoke(Lambda.event("invoke-anthropic.json"));
        assertFailed(label, result, status, code);
        assertAttempts(INVOKE, retried);
    }

    @Test
    void compareReportsTheFailingModelAndAnswersTheOthers() {
        faults.add(
                FaultRule.when("POST", "/model/us\\.amazon\\.nova-micro-v1(:|%3A)0/converse$")
                        .then(
                                AwsErrors.bedrock(
                                        503,
                                        "ServiceUnavailableException",
                                        "Bedrock is unable to process your request.")));
        ProxyResult result =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Explain cross-region inference.",
                                "models",
                                List.of("nova-micro", "nova-lite")));
        assertEquals(200, result.status(), result.toString());
        JsonNode results = result.body().path("results");
        assertEquals(
                "model_unavailable",
                results.get(0).path("error").path("code").asText(),
                result.toString());
        assertFalse(results.get(1).path("reply").asText().isBlank(), result.toString());
        assertNoStackTrace(result);
    }

    @Test
    void aResetThatPassesIsRetriedAndTheTurnStoredOnce() {
        String conversation = startConversation();
        int before = snapshot(conversation).size();
        faults.add(FaultRule.when("POST", CONVERSE).times(1).then(new Fault.ResetAfter(0)));
        ProxyResult result = Turns.chat(USER, conversation, "Make it one sentence.");
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, attempts(CONVERSE));
        assertEquals(before + 2, snapshot(conversation).size());
    }

    @Test
    void anAnswerHeldPastTheAttemptTimeoutIsRetriedInsideTheDeadline() {
        // Held 6 s, past the 5 s attempt timeout of this profile; the second attempt answers at
        // once.
        faults.add(FaultRule.when("POST", CONVERSE).times(1).then(new Fault.Delay(6_000)));
        long start = System.currentTimeMillis();
        ProxyResult result = Lambda.post("/v1/summarize", Map.of("text", TEXT));
        long elapsed = System.currentTimeMillis() - start;
        assertEquals(200, result.status(), result.toString());
        assertEquals(2, attempts(CONVERSE));
        assertTrue(elapsed >= 5_000 && elapsed < 11_000, "took " + elapsed + " ms");
    }

    @Test
    void anAnswerAlwaysHeldBackEndsInModelTimeoutAndStoresNothing() {
        String conversation = startConversation();
        List<String> before = snapshot(conversation);
        faults.add(FaultRule.when("POST", CONVERSE).then(new Fault.Delay(12_000)));
        long start = System.currentTimeMillis();
        ProxyResult result = Turns.chat(USER, conversation, "Make it one sentence.");
        long elapsed = System.currentTimeMillis() - start;
        assertFailed("held back", result, 504, "model_timeout");
        assertTrue(
                elapsed < 15_000,
                "took " + elapsed + " ms; the call timeout is 11 s, the deadline 29 s");
        faults.reset();
        assertEquals(before, snapshot(conversation));
    }

    /** Stream faults: where the event stream breaks, and the error frame the caller gets. */
    static Stream<Arguments> streamFaults() {
        return Stream.of(
                Arguments.of(
                        "reset before the stream", new Fault.ResetAfter(0), "model_unavailable"),
                Arguments.of("reset mid-stream", new Fault.ResetAfter(700), "model_unavailable"),
                Arguments.of("corrupt frame", new Fault.Corrupt(300), "model_unavailable"),
                Arguments.of("stream cut mid-frame", new Fault.Truncate(300), "model_unavailable"),
                Arguments.of(
                        "503 ServiceUnavailableException",
                        AwsErrors.bedrock(
                                503,
                                "ServiceUnavailableException",
                                "Bedrock is unable to process your request."),
                        "model_unavailable"),
                Arguments.of(
                        "429 ThrottlingException",
                        AwsErrors.bedrock(
                                429,
                                "ThrottlingException",
                                "Too many requests, please wait before trying again."),
                        "throttled"));
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("streamFaults")
    void anInterruptedStreamStoresNothing(String label, Fault fault, String code) {
        String conversation = startConversation();
        List<String> before = snapshot(conversation);
        Emulator.control().latency(0, 10); // the reply streams as several frames
        faults.add(FaultRule.when("POST", STREAM).then(fault));
        String connection = "conn-" + UUID.randomUUID();
        ProxyResult result =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                connection,
                                USER,
                                Map.of(
                                        "action",
                                        "chat",
                                        "conversationId",
                                        conversation,
                                        "message",
                                        "Make it one sentence.")));
        assertEquals(200, result.raw().path("statusCode").asInt(), result.toString());
        List<Frame> frames = Frames.control().frames(connection);
        Frame last = frames.get(frames.size() - 1);
        assertEquals("error", last.type(), label + ": " + frames);
        assertEquals(
                code, last.data().path("error").path("code").asText(), label + ": " + last.data());
        assertFalse(last.data().toString().contains("Exception:"), last.data().toString());
        faults.reset();
        assertEquals(
                before,
                snapshot(conversation),
                label + ": the interrupted stream stored something");
    }

    private void assertFailed(String label, ProxyResult result, int status, String code) {
        assertEquals(status, result.status(), label + ": " + result);
        assertEquals(code, result.errorCode(), label + ": " + result);
        assertNoStackTrace(result);
        if (status == 429) {
            assertNotNull(result.header("Retry-After"), result.toString());
        }
    }

    private void assertAttempts(String path, boolean retried) {
        long attempts = attempts(path);
        if (retried) {
            assertEquals(
                    MAX_ATTEMPTS, attempts, "attempts, within parley.bedrock.retry.max-attempts");
        } else {
            assertTrue(attempts >= 1 && attempts <= MAX_ATTEMPTS, "attempts: " + attempts);
        }
    }

    private long attempts(String path) {
        return faults.requests().stream().filter(r -> r.target().matches(".*" + path)).count();
    }

    private String startConversation() {
        ProxyResult first = Turns.chat(USER, null, TEXT);
        assertEquals(201, first.status(), first.toString());
        faults.reset();
        return first.body().path("conversationId").asText();
    }

    private List<String> snapshot(String conversation) {
        return StoreSnapshot.of(dynamo, "parley", "CONV#" + conversation);
    }
}
