package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Redrive of the failed-uploads queue: its messages are Lambda's on-failure destination records
 * (events/lambda-on-failure-s3.json, the upload event under {@code requestPayload}), delivered in
 * SQS batches by the template's Redrive mapping or invoked one by one.
 */
@QuarkusTest
class RedriveTest {
    static final String TEXT =
            "The harbour reopened after the storm. Ferries run on the summer timetable again, and"
                    + " the fish market moves back to the quay on Saturday.";

    @Inject S3Client s3;

    private String owner;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
    }

    /** Lambda's on-failure record of the upload event for {@code key}. */
    private static ObjectNode onFailureRecord(String key, String eTag) {
        ObjectNode record = Lambda.event("lambda-on-failure-s3.json");
        record.set("requestPayload", Uploads.s3Event(key, eTag, TEXT.length()));
        return record;
    }

    @Test
    void anOnFailureRecordInvokedDirectlyIsSummarized() {
        String key = "uploads/" + owner + "/harbour.txt";
        String eTag = Uploads.put(s3, key, "text/plain", TEXT);
        Uploads.Invocation result = Uploads.invoke(onFailureRecord(key, eTag));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        assertEquals("done", Uploads.get(owner, key).body().path("status").asText());
    }

    @Test
    void onFailureRecordsInAnSqsBatchAreSummarizedAndUnreadableOnesReported() {
        String key = "uploads/" + owner + "/harbour.txt";
        String eTag = Uploads.put(s3, key, "text/plain", TEXT);
        ObjectNode batch = Lambda.event("sqs-s3-notifications.json");
        ArrayNode records = (ArrayNode) batch.get("Records");
        ObjectNode message = (ObjectNode) records.get(0).deepCopy();
        records.removeAll();
        records.add(
                message.deepCopy()
                        .put("messageId", "m-redriven")
                        .put("body", onFailureRecord(key, eTag).toString()));
        // An on-failure record of something that is not an upload event cannot be summarized.
        ObjectNode foreign = Lambda.event("lambda-on-failure-s3.json");
        foreign.set("requestPayload", Lambda.http("GET", "/v1/health", null));
        records.add(
                message.deepCopy().put("messageId", "m-foreign").put("body", foreign.toString()));

        Uploads.Invocation result = Uploads.invoke(batch);
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-foreign\"}]}",
                result.body().toString());
        assertEquals("done", Uploads.get(owner, key).body().path("status").asText());

        // Redriving the same record again does not summarize the version twice.
        int calls = Emulator.control().calls().size();
        records.remove(1);
        Uploads.Invocation again = Uploads.invoke(batch);
        assertEquals("{\"batchItemFailures\":[]}", again.body().toString());
        assertEquals(
                calls,
                Emulator.control().calls().size(),
                "an already summarized version is not sent to the model");
    }

    @Test
    void aDirectOnFailureRecordOfAnotherEventIsSkippedWithTheReason() {
        ObjectNode foreign = Lambda.event("lambda-on-failure-s3.json");
        foreign.set("requestPayload", Lambda.http("GET", "/v1/health", null));
        Uploads.Invocation result = Uploads.invoke(foreign);
        assertEquals(200, result.status(), result.toString());
        assertEquals(0, result.body().path("objects").size(), result.toString());
        assertTrue(
                result.body().at("/skipped/0").asText().contains("requestPayload"),
                result.toString());
    }
}
