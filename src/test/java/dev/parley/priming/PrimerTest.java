package dev.parley.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.afterresponse.AfterResponse;
import dev.parley.table.TableSettings;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.tools.ToolRegistry;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import dev.parley.usage.UsageSettings;
import dev.parley.usage.UsageTotals;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Priming runs every part it promises (canned Converse through the mapper and the SDK, the SDK's
 * warm-up for the sync clients, the planned requests through the handler, a summarize that
 * succeeds with the ledger's write, every tool schema) against the real classes, and leaves no
 * trace: Bedrock sees no call, no metric line is written, no table item and no S3 object appears,
 * nothing is left to write after the response; and the next real call is recorded as usual.
 */
@QuarkusTest
class PrimerTest {
    @Inject Primer primer;
    @Inject ToolRegistry tools;
    @Inject PrimingSettings settings;
    @Inject AfterResponse afterResponse;
    @Inject DynamoDbClient dynamo;
    @Inject S3Client s3;
    @Inject TableSettings table;
    @Inject UsageSettings usage;
    @Inject UsageLedger ledger;

    @Test
    void primesEveryPartAgainstTheRealClassesAndLeavesNoTrace() {
        Emulator.control().reset();
        long itemsBefore = tableItems();
        long objectsBefore = s3Objects();

        Primer.Report report;
        List<?> metricLines;
        try (EmfCapture emf = EmfCapture.start()) {
            report = primer.prime();
            metricLines = emf.lines();
        }

        assertEquals(
                "primed",
                report.converse(),
                "the canned Converse answer went through ConverseMapper");
        assertEquals(
                4,
                report.sdkClients(),
                "Bedrock Runtime, DynamoDB, S3 and Lambda sync clients warmed by the SDK");
        assertEquals(
                6 * settings.iterations(),
                report.dynamoRequests(),
                "GetItem, PutItem, Query, UpdateItem, DeleteItem and TransactWriteItems ran on the canned table each round");
        assertTrue(
                report.unexpected().isEmpty(),
                "every priming request answered as planned, the summarize with 200: "
                        + report.unexpected());
        assertTrue(
                report.ledgerRequests() >= settings.iterations(),
                "each round's summarize was charged with an UpdateItem on the canned table: "
                        + report.ledgerRequests());
        assertEquals(tools.all().size(), report.schemas());
        assertEquals(
                2, report.toolRuns(), "calculator and current_time ran through the tool executor");
        assertTrue(
                report.classes() > 1000,
                "the generated class list was loaded: " + report.classes());

        assertEquals(0, Emulator.control().calls().size(), "priming never calls Bedrock");
        assertEquals(
                0,
                metricLines.size(),
                "priming publishes no metric (its 400s, its summarize, its tool runs); first: "
                        + metricLines.stream().findFirst().map(Object::toString).orElse(""));
        assertEquals(
                itemsBefore, tableItems(), "priming writes no ledger row (nor any other item)");
        assertEquals(objectsBefore, s3Objects(), "priming writes no S3 object");
        assertEquals(
                0,
                afterResponse.pending(),
                "nothing of priming is left to write after the snapshot");
    }

    @Test
    void theNextRealCallAfterPrimingGoesToBedrockAndTheLedger() {
        primer.prime();
        Emulator.control().reset();
        String caller = "after-priming-" + UUID.randomUUID();

        Lambda.ProxyResult answer =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/summarize",
                                        "{\"text\":\"The river festival returns in June with boats and music.\"}")));

        assertEquals(200, answer.status(), answer.toString());
        assertEquals(
                1, Emulator.control().calls().size(), "the real client is back: Bedrock answered");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LedgerEntry> charged = ledger.day(caller, today);
        assertEquals(1, charged.size(), charged.toString());
        UsageTotals totals = charged.get(0).totals();
        assertEquals(1, totals.calls(), "the real table has the call, once");
    }

    private long tableItems() {
        long items = 0;
        for (String table :
                List.of(table.tableName(), usage.tableName().orElse(table.tableName())).stream()
                        .distinct()
                        .toList()) {
            items +=
                    dynamo
                            .scanPaginator(scan -> scan.tableName(table).select(Select.COUNT))
                            .stream()
                            .mapToLong(page -> page.count())
                            .sum();
        }
        return items;
    }

    private long s3Objects() {
        return s3.listBuckets().buckets().stream()
                .mapToLong(
                        bucket ->
                                s3
                                        .listObjectsV2Paginator(list -> list.bucket(bucket.name()))
                                        .stream()
                                        .mapToLong(page -> page.keyCount())
                                        .sum())
                .sum();
    }
}
