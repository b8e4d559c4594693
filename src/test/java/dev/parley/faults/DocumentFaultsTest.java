package dev.parley.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.documents.Uploads;
import dev.parley.local.faults.AwsErrors;
import dev.parley.local.faults.Fault;
import dev.parley.local.faults.FaultControl;
import dev.parley.local.faults.FaultRule;
import dev.parley.testing.Emulator;
import dev.parley.testing.Faults;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The documents path (an S3 event through the whole function) with S3 and DynamoDB failing. A
 * transient failure is recorded {@code failed} with {@code retrying: true}, the invocation fails
 * so Lambda delivers the event again, and that delivery summarizes the upload; an S3 refusal
 * (4xx other than throttling) is recorded as the document's failure for good and not retried.
 * No summary object is left behind by a failed attempt.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class DocumentFaultsTest {
    private static final String TEXT =
            "The city council approved a new budget on Monday. The budget raises spending on"
                    + " public transport by twelve percent. Critics said the plan ignores road repairs.";

    @Inject S3Client s3;

    private String owner;
    private String key;
    private String eTag;

    @BeforeEach
    void upload() {
        Faults.resetAll();
        Emulator.control().reset();
        owner = "docs-" + UUID.randomUUID();
        key = "uploads/" + owner + "/budget.txt";
        eTag = Uploads.put(s3, key, "text/plain", TEXT);
    }

    @AfterEach
    void reset() {
        Faults.resetAll();
    }

    /** S3 operation (by path), the fault, the code recorded, and whether the event comes back. */
    static Stream<Arguments> s3Cells() {
        String read = "^/parley-documents/uploads/";
        String write = "^/parley-documents/summaries/";
        return Stream.of(
                Arguments.of(
                        "GET",
                        read,
                        "503 SlowDown",
                        AwsErrors.s3SlowDown(),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "500 InternalError",
                        AwsErrors.s3InternalError(),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "connection reset",
                        new Fault.ResetAfter(0),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "connection reset inside the body",
                        new Fault.ResetAfter(300),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "body cut short",
                        new Fault.Truncate(20),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "answer held past the timeout",
                        new Fault.Delay(4_000),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "GET",
                        read,
                        "400 InvalidArgument",
                        AwsErrors.s3(400, "InvalidArgument", "Invalid version id specified"),
                        "validation_error",
                        false),
                Arguments.of(
                        "GET",
                        read,
                        "403 AccessDenied",
                        AwsErrors.s3(403, "AccessDenied", "Access Denied"),
                        "internal_error",
                        false),
                Arguments.of(
                        "PUT",
                        write,
                        "503 SlowDown",
                        AwsErrors.s3SlowDown(),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "PUT",
                        write,
                        "500 InternalError",
                        AwsErrors.s3InternalError(),
                        "bucket_unavailable",
                        true),
                Arguments.of(
                        "PUT",
                        write,
                        "400 InvalidRequest",
                        AwsErrors.s3(400, "InvalidRequest", "Invalid Request"),
                        "validation_error",
                        false));
    }

    @ParameterizedTest(name = "S3 {0} {2}: {4}, retried: {5}")
    @MethodSource("s3Cells")
    void anS3FailureIsRecordedAndRetriedOnlyWhenTransient(
            String method, String path, String label, Fault fault, String code, boolean retried) {
        FaultControl faults = Faults.s3();
        faults.add(FaultRule.when(method, path).then(fault));
        long start = System.currentTimeMillis();
        Uploads.Invocation first = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        long elapsed = System.currentTimeMillis() - start;
        long attempts =
                faults.requests().stream()
                        .filter(r -> r.method().equals(method) && r.target().matches(path + ".*"))
                        .count();
        faults.reset();

        assertTrue(elapsed < 29_000, "took " + elapsed + " ms");
        assertFalse(first.body().toString().contains(".java:"), first.toString());
        JsonNode record = document().body();
        assertEquals("failed", record.path("status").asText(), label + ": " + record);
        assertEquals(code, record.at("/error/code").asText(), label + ": " + record);
        assertEquals(retried, record.at("/error/retrying").asBoolean(), label + ": " + record);
        assertFalse(
                record.at("/error/message")
                        .asText()
                        .contains("(will be retried) (will be retried)"));
        assertNoSummaryObject();
        if (!retried) {
            // Final: the invocation succeeds (Lambda must not deliver it again), and a delivery
            // changes nothing.
            assertEquals(200, first.status(), first.toString());
            assertEquals(
                    "failed", first.body().at("/objects/0/outcome").asText(), first.toString());
            assertEquals(1, attempts, "an S3 refusal is not retried");
            Uploads.Invocation again = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
            assertEquals(
                    "skipped", again.body().at("/objects/0/outcome").asText(), again.toString());
            return;
        }
        assertEquals(
                500,
                first.status(),
                "the invocation fails so Lambda delivers the event again: " + first);
        assertTrue(
                first.body().path("errorType").asText().contains("RetryLater"), first.toString());
        // The event comes back with S3 healthy again: summarized, once.
        Uploads.Invocation again = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        assertEquals(
                "summarized", again.body().at("/objects/0/outcome").asText(), again.toString());
        assertEquals("done", document().body().path("status").asText());
    }

    @Test
    void aThrottledClaimWritesNothingAndIsRetried() {
        FaultControl faults = Faults.dynamodb();
        faults.add(
                FaultRule.when("POST", "^/$")
                        .header("X-Amz-Target", "UpdateItem")
                        .then(AwsErrors.dynamoThrottling()));
        Uploads.Invocation first = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        faults.reset();
        assertEquals(500, first.status(), first.toString());
        assertEquals(404, document().status(), "a claim that failed left a record");
        assertEquals(0, Emulator.control().calls().size(), "no model call without a claim");
        Uploads.Invocation again = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        assertEquals(
                "summarized", again.body().at("/objects/0/outcome").asText(), again.toString());
    }

    @Test
    void aModelOutageIsRecordedAsRetrying() {
        Faults.bedrock()
                .add(
                        FaultRule.when("POST", "/converse$")
                                .then(
                                        AwsErrors.bedrock(
                                                503,
                                                "ServiceUnavailableException",
                                                "Bedrock is unable to process your request.")));
        Uploads.Invocation first = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        Faults.bedrock().reset();
        assertEquals(500, first.status(), first.toString());
        JsonNode record = document().body();
        assertEquals("model_unavailable", record.at("/error/code").asText(), record.toString());
        assertTrue(record.at("/error/retrying").asBoolean());
        assertNoSummaryObject();
        Uploads.Invocation again = Uploads.invoke(Uploads.s3Event(key, eTag, TEXT.length()));
        assertEquals(
                "summarized", again.body().at("/objects/0/outcome").asText(), again.toString());
    }

    private ProxyResult document() {
        return Uploads.get(owner, key);
    }

    private void assertNoSummaryObject() {
        String output = "summaries/" + owner + "/budget.txt.summary.json";
        try {
            s3.headObject(head -> head.bucket(Uploads.BUCKET).key(output));
            throw new AssertionError("a failed attempt left " + output + " behind");
        } catch (NoSuchKeyException expected) {
            // nothing written
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertEquals(404, e.statusCode(), e.toString());
        }
    }
}
