package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.StoreSettings;
import dev.parley.table.TableSettings;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A document's record expires with its objects: DynamoDB's TTL ({@code ttl}) is the moment the
 * bucket's lifecycle rules (ExpireUploads, ExpireSummaries: RetentionDays after creation, rounded up
 * to the next midnight UTC, as S3 rounds) remove the upload and its summary, both from the same
 * retention (the template's RetentionDays sets parley.store.retention and the rules), and later
 * writes (the summary) do not move it. Read back from DynamoDB Local with the real client.
 */
@QuarkusTest
class DocumentRecordExpiryTest {
    @Inject S3Client s3;
    @Inject DynamoDbClient dynamo;
    @Inject StoreSettings store;
    @Inject TableSettings table;

    @Test
    void theRecordExpiresWhenTheBucketExpiresTheUpload() {
        Emulator.control().reset();
        String owner = "user-" + UUID.randomUUID();
        String key = "uploads/" + owner + "/expiring.txt";
        ObjectNode event =
                Uploads.s3Event(
                        key,
                        Uploads.put(s3, key, "text/plain", DocumentEventsTest.TEXT),
                        DocumentEventsTest.TEXT.length());
        Instant uploaded =
                Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ((ObjectNode) event.at("/Records/0")).put("eventTime", uploaded.toString());
        assertTrue(
                Uploads.invoke(event)
                        .body()
                        .at("/objects/0/outcome")
                        .asText()
                        .startsWith("summarized"));

        String bucket = event.at("/Records/0/s3/bucket/name").asText();
        List<Map<String, AttributeValue>> items =
                dynamo.query(
                                q ->
                                        q.tableName(table.tableName())
                                                .keyConditionExpression("pk = :pk")
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pk",
                                                                AttributeValue.fromS(
                                                                        DocumentTable.documentKey(
                                                                                bucket, key)))))
                        .items();
        assertEquals(1, items.size(), items.toString());
        Map<String, AttributeValue> record = items.get(0);
        assertEquals("done", record.get(DocumentTable.STATUS).s());
        assertEquals(uploaded.toString(), record.get(DocumentTable.UPLOADED_AT).s());

        ZonedDateTime due = uploaded.plus(store.retention()).atZone(ZoneOffset.UTC);
        long s3Expiry = due.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertEquals(
                s3Expiry,
                Long.parseLong(record.get("ttl").n()),
                "the record's TTL is the S3 expiry of its upload ("
                        + Instant.ofEpochSecond(s3Expiry)
                        + ")");
    }
}
