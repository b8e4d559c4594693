package dev.parley.faults;

import static dev.parley.faults.Turns.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultControl;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The chat and conversation routes with DynamoDB failing in every way the fault proxy can make
 * it fail. For each: the documented status and code, retries that end inside the invocation, no
 * stack trace, and the conversation's items afterwards byte-identical to before, or with the
 * whole turn added, never part of it.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class ConversationStoreFaultsTest {
    private static final String USER = "fault-matrix";
    private static final String TABLE = "parley";

    /** The Lambda deadline the API function runs under (template.yaml: 29 s). */
    private static final long DEADLINE_MS = 29_000;

    @Inject DynamoDbClient dynamo;

    private FaultControl faults;
    private String conversation;

    @BeforeEach
    void startConversation() {
        Faults.resetAll();
        Emulator.control().reset();
        faults = Faults.dynamodb();
        ProxyResult first = Turns.chat(USER, null, "Opening message of the fault matrix.");
        assertEquals(201, first.status(), first.toString());
        conversation = first.body().path("conversationId").asText();
        faults.reset();
    }

    @AfterEach
    void reset() {
        Faults.resetAll();
    }

    /** A DynamoDB operation, the fault, and what the caller must see. */
    static Stream<Arguments> cells() {
        Stream.Builder<Arguments> cells = Stream.builder();
        for (String operation : List.of("Query", "GetItem", "TransactWriteItems")) {
            cells.add(
                    Arguments.of(
                            operation,
                            "ThrottlingException",
                            AwsErrors.dynamoThrottling(),
                            503,
                            "store_unavailable"));
            cells.add(
                    Arguments.of(
                            operation,
                            "ProvisionedThroughputExceededException",
                            AwsErrors.dynamoProvisionedThroughputExceeded(),
                            503,
                            "store_unavailable"));
            cells.add(
                    Arguments.of(
                            operation,
                            "500 InternalServerError",
                            AwsErrors.dynamoInternalServerError(),
                            503,
                            "store_unavailable"));
            cells.add(
                    Arguments.of(
                            operation,
                            "connection reset",
                            new Fault.ResetAfter(0),
                            503,
                            "store_unavailable"));
        }
        for (String reason : AwsErrors.CANCELLATION_CODES) {
            boolean lostRace =
                    reason.equals("ConditionalCheckFailed") || reason.equals("TransactionConflict");
            cells.add(
                    Arguments.of(
                            "TransactWriteItems",
                            "TransactionCanceled " + reason,
                            AwsErrors.dynamoTransactionCanceled(reason, 3),
                            lostRace ? 409 : 503,
                            lostRace ? "conflict" : "store_unavailable"));
        }
        return cells.build();
    }

    @ParameterizedTest(name = "{0} fails with {1}: {3} {4}")
    @MethodSource("cells")
    void aTurnFailsCleanly(String operation, String label, Fault fault, int status, String code) {
        List<String> before = snapshot();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "DynamoDB_20120810\\." + operation + "$")
                        .then(fault));
        long start = System.currentTimeMillis();
        ProxyResult result = Turns.chat(USER, conversation, "A turn that meets a failing store.");
        long elapsed = System.currentTimeMillis() - start;
        List<FaultControl.Request> attempts =
                faults.requests().stream().filter(r -> operation.equals(operation(r))).toList();
        faults.reset();

        assertEquals(status, result.status(), label + ": " + result);
        assertEquals(code, result.errorCode(), result.toString());
        assertNoStackTrace(result);
        assertTrue(elapsed < DEADLINE_MS, "took " + elapsed + " ms, past the invocation deadline");
        assertFalse(attempts.isEmpty(), "the fault never applied");
        // The SDK retries throttling and 5xx; a cancelled transaction is final for it, whatever the
        // reason.
        if (!label.startsWith("TransactionCanceled")) {
            assertTrue(
                    attempts.size() > 1,
                    "the SDK did not retry " + label + ": " + attempts.size() + " attempt(s)");
        }
        List<String> after = snapshot();
        if (fault instanceof Fault.ResetAfter && operation.equals("TransactWriteItems")) {
            // The write reached DynamoDB, only its answer was lost: the whole turn is there, or
            // nothing.
            assertTrue(
                    after.equals(before) || after.size() == before.size() + 2,
                    "a partial turn: " + after);
        } else {
            assertEquals(before, after, "the failed turn changed the store");
        }
        // Nothing is stuck: the same request now succeeds.
        ProxyResult retry =
                Turns.chat(USER, conversation, "The same turn, once the store is back.");
        assertEquals(200, retry.status(), retry.toString());
    }

    @Test
    void anAnswerHeldPastTheClientTimeoutEndsInsideTheDeadline() {
        List<String> before = snapshot();
        // Every attempt's answer is held past the 2 s attempt timeout; the call gives up at 5 s.
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "TransactWriteItems")
                        .then(new Fault.Delay(3_000)));
        long start = System.currentTimeMillis();
        ProxyResult result =
                Turns.chat(USER, conversation, "A turn whose write is answered too late.");
        long elapsed = System.currentTimeMillis() - start;
        faults.reset();

        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
        assertTrue(elapsed < 8_000, "took " + elapsed + " ms; the store's call timeout is 5 s");
        // The first attempt's write did reach DynamoDB (only its answer was late): the turn is
        // whole.
        List<String> after = snapshot();
        assertTrue(
                after.equals(before) || after.size() == before.size() + 2,
                "a partial turn: " + after);
    }

    @Test
    void throttlingThatPassesIsRetriedAndTheTurnStoredOnce() {
        List<String> before = snapshot();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "TransactWriteItems")
                        .times(2)
                        .then(AwsErrors.dynamoThrottling()));
        ProxyResult result = Turns.chat(USER, conversation, "A turn that is throttled twice.");
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                3,
                faults.requests().stream()
                        .filter(r -> "TransactWriteItems".equals(operation(r)))
                        .count());
        assertEquals(before.size() + 2, snapshot().size());
    }

    @ParameterizedTest(name = "{0} on {1} fails with {2}")
    @MethodSource("routes")
    void conversationRoutesAnswer503(String method, String path, String operation) {
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", operation)
                        .then(AwsErrors.dynamoThrottling()));
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                USER,
                                Lambda.http(method, path.replace("{id}", conversation), null)));
        faults.reset();
        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
        assertNoStackTrace(result);
        ProxyResult read =
                Lambda.invoke(
                        Lambda.as(
                                USER,
                                Lambda.http("GET", "/v1/conversations/" + conversation, null)));
        assertEquals(
                200, read.status(), "a failed " + method + " changed the conversation: " + read);
    }

    @Test
    void aDeleteWhoseCleanupFailsIsStillADelete() {
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "BatchWriteItem")
                        .then(AwsErrors.dynamoThrottling()));
        ProxyResult deleted =
                Lambda.invoke(
                        Lambda.as(
                                USER,
                                Lambda.http("DELETE", "/v1/conversations/" + conversation, null)));
        faults.reset();
        assertEquals(204, deleted.status(), deleted.toString());
        ProxyResult read =
                Lambda.invoke(
                        Lambda.as(
                                USER,
                                Lambda.http("GET", "/v1/conversations/" + conversation, null)));
        assertEquals(404, read.status(), read.toString());
    }

    @ParameterizedTest(name = "stream: {0}")
    @MethodSource("streamCells")
    void aStreamedTurnFailsCleanly(String label, Fault fault, String code) {
        List<String> before = snapshot();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "TransactWriteItems")
                        .then(fault));
        String connection = "conn-" + java.util.UUID.randomUUID();
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
                                        "A streamed turn.")));
        faults.reset();
        assertEquals(200, result.raw().path("statusCode").asInt(), result.toString());
        List<dev.parley.local.ManagementApiControl.Frame> frames =
                dev.parley.testing.Frames.control().frames(connection);
        dev.parley.local.ManagementApiControl.Frame last = frames.get(frames.size() - 1);
        assertEquals("error", last.type(), frames.toString());
        assertEquals(code, last.data().path("error").path("code").asText(), last.data().toString());
        assertEquals(before, snapshot(), "the failed streamed turn changed the store");
    }

    static Stream<Arguments> streamCells() {
        return Stream.of(
                Arguments.of(
                        "ThrottlingException", AwsErrors.dynamoThrottling(), "store_unavailable"),
                Arguments.of(
                        "TransactionCanceled ConditionalCheckFailed",
                        AwsErrors.dynamoTransactionCanceled("ConditionalCheckFailed", 3),
                        "conflict"));
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "/v1/conversations", "Query"),
                Arguments.of("GET", "/v1/conversations/{id}", "GetItem"),
                Arguments.of("GET", "/v1/conversations/{id}", "Query"),
                Arguments.of("DELETE", "/v1/conversations/{id}", "TransactWriteItems"),
                Arguments.of("GET", "/v1/documents", "Query"));
    }

    private static String operation(FaultControl.Request request) {
        String target = request.operation();
        return target == null ? null : target.substring(target.indexOf('.') + 1);
    }

    private List<String> snapshot() {
        return StoreSnapshot.of(dynamo, TABLE, "CONV#" + conversation);
    }
}
