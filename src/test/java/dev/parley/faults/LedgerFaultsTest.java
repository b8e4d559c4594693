package dev.parley.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.afterresponse.AfterResponse;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The usage ledger's writes, made after the response, under DynamoDB failures: a write whose
 * answer was lost after it was applied is retried and counted once; a write DynamoDB keeps
 * refusing is kept (the loss window: what a shutdown during the outage would lose) and written,
 * once, when DynamoDB is back; the caller's response never depends on any of it.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class LedgerFaultsTest {
    private static final String UPDATE_ITEM = "DynamoDB_20120810\\.UpdateItem$";

    @Inject DynamoDbClient dynamo;
    @Inject AfterResponse afterResponse;

    private FaultControl faults;

    @BeforeEach
    void reset() {
        Faults.resetAll();
        Emulator.control().reset();
        afterResponse.drain();
        faults = Faults.dynamodb();
    }

    @AfterEach
    void heal() {
        Faults.resetAll();
        afterResponse.drain();
    }

    @Test
    void aWriteAppliedButWhoseAnswerWasLostIsRetriedAndCountedOnce() {
        String caller = "lost-answer-" + UUID.randomUUID();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", UPDATE_ITEM)
                        .times(1)
                        .then(new Fault.ResetAfter(0)));
        assertEquals(200, summarize(caller).status());
        // The SDK may retry at once; if it did not, the write was kept, and the next flush retries
        // it.
        afterResponse.drain();
        assertEquals(0, afterResponse.pending());
        long updates =
                faults.requests().stream()
                        .filter(r -> "DynamoDB_20120810.UpdateItem".equals(r.operation()))
                        .count();
        assertEquals(
                2,
                updates,
                "the first UpdateItem was applied and its answer cut; the retry found it applied");
        assertEquals(Optional.of(1L), storedCalls(caller));
    }

    @Test
    void usageWrittenWhileDynamoDbRefusesIsKeptThenWrittenOnceWhenItIsBack() {
        String caller = "outage-" + UUID.randomUUID();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", UPDATE_ITEM)
                        .then(AwsErrors.dynamoThrottling()));
        for (int i = 0; i < 3; i++) {
            ProxyResult answered = summarize(caller);
            assertEquals(
                    200, answered.status(), "the response never waits on the ledger: " + answered);
        }
        assertEquals(
                Optional.empty(),
                storedCalls(caller),
                "nothing reached the table during the outage");
        // The loss window: what a shutdown now would lose, the three calls' writes, kept in order.
        assertEquals(3, afterResponse.pending());

        faults.reset();
        assertEquals(200, summarize(caller).status());
        assertEquals(0, afterResponse.pending());
        assertEquals(
                Optional.of(4L), storedCalls(caller), "the kept calls and the new one, each once");
    }

    private static ProxyResult summarize(String caller) {
        return Lambda.invoke(
                Lambda.as(
                        caller,
                        Lambda.http(
                                "POST",
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "A text whose usage is written after the response."))));
    }

    /** The calls on the caller's nova-micro item for today, read from the table itself; one item per call's day. */
    private Optional<Long> storedCalls(String caller) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        List<Map<String, AttributeValue>> items =
                dynamo.query(
                                query ->
                                        query.tableName("parley")
                                                .consistentRead(true)
                                                .keyConditionExpression("pk = :pk")
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pk",
                                                                AttributeValue.fromS(
                                                                        "USAGE#" + caller))))
                        .items();
        assertTrue(
                items.size() <= 1, "one item per caller, day and model, no month item: " + items);
        return items.stream()
                .filter(item -> item.get("sk").s().equals("DAY#" + day + "#nova-micro"))
                .map(item -> Long.parseLong(item.get("calls").n()))
                .findFirst();
    }
}
