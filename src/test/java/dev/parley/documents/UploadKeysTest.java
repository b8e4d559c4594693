package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which keys are uploads, whose, and where their summaries go; pure, with settings of our own. */
class UploadKeysTest {

    private static DocumentSettings settings(String bucket, String input, String output) {
        return new DocumentSettings() {
            public Optional<String> bucket() {
                return Optional.ofNullable(bucket);
            }

            public String inputPrefix() {
                return input;
            }

            public String outputPrefix() {
                return output;
            }

            public Optional<String> model() {
                return Optional.empty();
            }

            public String documentModel() {
                return "nova-lite";
            }

            public int maxObjectBytes() {
                return 100;
            }

            public int maxSummaryTokens() {
                return 100;
            }

            public double contextShare() {
                return 0.5;
            }

            public int maxChunkTokens() {
                return 100;
            }

            public int maxChunks() {
                return 2;
            }

            public Duration claimLease() {
                return Duration.ofSeconds(60);
            }
        };
    }

    private static ObjectRef ref(String bucket, String key) {
        return new ObjectRef(
                bucket,
                key,
                Optional.empty(),
                Optional.of("etag"),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty());
    }

    private final UploadKeys keys = new UploadKeys(settings("docs", "uploads", "summaries"));

    @Test
    void theFirstSegmentUnderTheInputPrefixIsTheOwner() {
        UploadKeys.Decision decision =
                keys.classify(ref("docs", "uploads/alice/reports/2026/q1.pdf"));
        assertEquals(new UploadKeys.Upload("alice", "reports/2026/q1.pdf"), decision.upload());
        assertNull(decision.ignoreReason());
        assertEquals(
                "summaries/alice/reports/2026/q1.pdf.summary.json",
                keys.summaryKey(decision.upload()));
    }

    @Test
    void everythingElseIsIgnoredWithTheReason() {
        assertTrue(
                keys.classify(ref("other", "uploads/alice/a.txt"))
                        .ignoreReason()
                        .contains("not the documents bucket"));
        assertTrue(
                keys.classify(ref("docs", "summaries/alice/a.txt.summary.json"))
                        .ignoreReason()
                        .contains("output prefix"));
        assertTrue(
                keys.classify(ref("docs", "uploadsX/alice/a.txt"))
                        .ignoreReason()
                        .contains("outside the input prefix"));
        assertTrue(
                keys.classify(ref("docs", "uploads/a.txt"))
                        .ignoreReason()
                        .contains("names no owner"));
        assertTrue(
                keys.classify(ref("docs", "uploads//a.txt"))
                        .ignoreReason()
                        .contains("names no owner"));
        assertTrue(
                keys.classify(ref("docs", "uploads/alice/"))
                        .ignoreReason()
                        .contains("names no owner"));
        assertTrue(
                keys.classify(ref("docs", "uploads/alice/folder/"))
                        .ignoreReason()
                        .contains("folder marker"));
        assertTrue(
                keys.classify(ref("docs", "uploads/alice/" + "é".repeat(600)))
                        .ignoreReason()
                        .contains("longer than S3 allows"));
        assertTrue(
                new UploadKeys(settings(null, "uploads/", "summaries/"))
                        .classify(ref("docs", "uploads/a/b.txt"))
                        .ignoreReason()
                        .contains("parley.documents.bucket is not set"));
    }

    @Test
    void theOutputPrefixWinsWhenTheInputPrefixContainsIt() {
        UploadKeys wholeBucket = new UploadKeys(settings("docs", "", "summaries/"));
        assertTrue(
                wholeBucket
                        .classify(ref("docs", "summaries/alice/x.summary.json"))
                        .ignoreReason()
                        .contains("output prefix"));
        assertEquals(
                "alice", wholeBucket.classify(ref("docs", "alice/notes.txt")).upload().owner());
    }

    @Test
    void prefixesThatWouldLoopOrNeverMatchAreRefusedAtStart() {
        assertThrows(
                IllegalStateException.class,
                () -> new UploadKeys(settings("docs", "uploads/", " ")));
        assertThrows(
                IllegalStateException.class,
                () -> new UploadKeys(settings("docs", "out/in/", "out")));
    }
}
