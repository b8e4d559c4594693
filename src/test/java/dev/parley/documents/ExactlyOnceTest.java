package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** However S3 and Lambda deliver an upload (twice, concurrently, after a crash), the model is asked once per version. */
@QuarkusTest
class ExactlyOnceTest {
    @Inject S3Client s3;
    @Inject DocumentProcessor processor;
    @Inject DocumentStore store;

    private String owner;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
    }

    @AfterEach
    void noLatency() {
        Emulator.control().reset();
    }

    private String key(String name) {
        return "uploads/" + owner + "/" + name;
    }

    private ObjectNode uploaded(String key) {
        return Uploads.s3Event(
                key,
                Uploads.put(s3, key, "text/plain", DocumentEventsTest.TEXT),
                DocumentEventsTest.TEXT.length());
    }

    private static String outcome(Uploads.Invocation result) {
        return result.body().at("/objects/0/outcome").asText()
                + ": "
                + result.body().at("/objects/0/detail").asText();
    }

    @Test
    void theSameEventTwiceCallsTheModelOnce() {
        ObjectNode event = uploaded(key("twice.txt"));
        assertTrue(outcome(Uploads.invoke(event)).startsWith("summarized"));
        assertEquals("skipped: this version is already summarized", outcome(Uploads.invoke(event)));
        assertEquals(1, Emulator.control().calls().size());
        assertEquals(1, Uploads.list(owner, "").body().path("documents").size());
    }

    @Test
    void s3AndEventBridgeNamingTheSameVersionCountOnce() {
        String key = key("both sources.txt");
        ObjectNode s3Event = uploaded(key);
        String eTag = s3Event.at("/Records/0/s3/object/eTag").asText();
        assertTrue(outcome(Uploads.invoke(s3Event)).startsWith("summarized"));
        assertTrue(
                outcome(Uploads.invoke(Uploads.eventBridge(key, eTag, 10))).startsWith("skipped"));
        assertEquals(1, Emulator.control().calls().size());
    }

    @Test
    void concurrentDeliveriesCallTheModelOnceAndRecordOneResult() throws Exception {
        String key = key("racing.txt");
        String eTag = Uploads.put(s3, key, "text/plain", DocumentEventsTest.TEXT);
        ObjectRef ref =
                new ObjectRef(
                        Uploads.BUCKET,
                        key,
                        Optional.empty(),
                        Optional.of(eTag),
                        Optional.empty(),
                        OptionalLong.empty(),
                        Optional.empty());
        // The model call takes long enough for every racer to arrive while the winner holds the
        // claim.
        Emulator.control().latency(400, 0);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ObjectOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            futures.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return processor.process(ref, Instant.now().plusSeconds(60));
                            }));
        }
        go.countDown();
        List<ObjectOutcome.Result> results = new ArrayList<>();
        for (Future<ObjectOutcome> future : futures) {
            results.add(future.get().result());
        }
        pool.shutdown();

        assertEquals(
                1,
                results.stream().filter(r -> r == ObjectOutcome.Result.SUMMARIZED).count(),
                results.toString());
        // The others found the version claimed: they ask to be delivered again, and are skipped
        // then.
        assertEquals(
                racers - 1,
                results.stream().filter(r -> r == ObjectOutcome.Result.RETRY).count(),
                results.toString());
        assertEquals(
                ObjectOutcome.Result.SKIPPED,
                processor.process(ref, Instant.now().plusSeconds(60)).result());
        assertEquals(1, Emulator.control().calls().size());
        JsonNode document = Uploads.get(owner, key).body();
        assertEquals("done", document.path("status").asText());
        assertEquals(1, Uploads.list(owner, "").body().path("documents").size());
    }

    @Test
    void aLiveClaimMakesADuplicateWaitForItsRetry() {
        String key = key("in-progress.txt");
        ObjectNode event = uploaded(key);
        ObjectRef ref = refOf(event);
        Instant now = Instant.now();
        assertEquals(
                DocumentStore.ClaimState.CLAIMED,
                store.claim(
                        new DocumentStore.Claim(
                                ref,
                                ref.versionToken().orElseThrow(),
                                owner,
                                "other-attempt",
                                now,
                                now.plusSeconds(120))));

        Uploads.Invocation duplicate = Uploads.invoke(event);
        assertEquals(
                500,
                duplicate.status(),
                "failing the invocation makes Lambda deliver it again: " + duplicate);
        assertTrue(
                duplicate
                        .body()
                        .path("errorMessage")
                        .asText()
                        .contains("another attempt is processing"),
                duplicate.toString());
        assertTrue(Emulator.control().calls().isEmpty());
        assertEquals("pending", Uploads.get(owner, key).body().path("status").asText());
    }

    @Test
    void aSlowAttemptKeepsItsClaimBeyondOneLease() throws Exception {
        String key = key("slow.txt");
        ObjectNode event = uploaded(key);
        ObjectRef ref = refOf(event);
        // The model call outlasts the 2 s test lease: only renewals keep a duplicate from taking
        // over.
        Emulator.control().latency(3_500, 0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<ObjectOutcome> slow =
                pool.submit(() -> processor.process(ref, Instant.now().plusSeconds(60)));
        Thread.sleep(2_800);
        assertEquals(
                ObjectOutcome.Result.RETRY,
                processor.process(ref, Instant.now().plusSeconds(60)).result());
        assertEquals(ObjectOutcome.Result.SUMMARIZED, slow.get().result());
        pool.shutdown();
        assertEquals(1, Emulator.control().calls().size());
    }

    @Test
    void aCrashedAttemptIsRetriedOnceItsClaimHasExpired() {
        String key = key("crashed.txt");
        ObjectNode event = uploaded(key);
        ObjectRef ref = refOf(event);
        Instant then = Instant.now().minus(Duration.ofMinutes(5));
        // An attempt that claimed the version and died (Lambda timeout, out of memory) without
        // finishing.
        store.claim(
                new DocumentStore.Claim(
                        ref,
                        ref.versionToken().orElseThrow(),
                        owner,
                        "crashed",
                        then,
                        then.plusSeconds(40)));

        assertTrue(outcome(Uploads.invoke(event)).startsWith("summarized"));
        assertEquals(1, Emulator.control().calls().size());
        assertEquals("done", Uploads.get(owner, key).body().path("status").asText());
        // The dead attempt cannot overwrite the result when it finishes after all.
        DocumentStore.Claim stale =
                new DocumentStore.Claim(
                        ref,
                        ref.versionToken().orElseThrow(),
                        owner,
                        "crashed",
                        then,
                        then.plusSeconds(40));
        assertTrue(
                !store.fail(
                        stale,
                        dev.parley.error.ParleyException.validation("late"),
                        false,
                        Instant.now()));
        assertEquals("done", Uploads.get(owner, key).body().path("status").asText());
    }

    @Test
    void aTransientFailureFailsTheInvocationAndTheRetrySucceeds() {
        String key = key("throttled.txt");
        ObjectNode event = uploaded(key);
        Emulator.control()
                .script(
                        "{\"times\": 3, \"reply\": {\"error\": {\"type\": \"ThrottlingException\"}}}");

        Uploads.Invocation first = Uploads.invoke(event);
        // A thrown error is what makes Lambda deliver an asynchronous event again.
        assertEquals(500, first.status(), first.toString());
        assertTrue(
                first.body()
                        .path("errorMessage")
                        .asText()
                        .contains("1 of 1 object(s) will be retried"),
                first.toString());
        JsonNode failed = Uploads.get(owner, key).body();
        assertEquals("failed", failed.path("status").asText());
        assertTrue(failed.at("/error/retrying").asBoolean(), failed.toString());

        assertTrue(outcome(Uploads.invoke(event)).startsWith("summarized"));
        JsonNode done = Uploads.get(owner, key).body();
        assertEquals("done", done.path("status").asText());
        assertTrue(done.path("error").isMissingNode(), done.toString());
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        String key = key("picture.png");
        ObjectNode event =
                Uploads.s3Event(
                        key,
                        Uploads.put(s3, key, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
                        4);
        assertTrue(outcome(Uploads.invoke(event)).startsWith("failed: unsupported document"));
        assertEquals(
                "skipped: this version already failed for good", outcome(Uploads.invoke(event)));
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void anOverwrittenObjectIsSummarizedFromTheVersionItsEventNames() {
        String key = key("overwritten.txt");
        String first =
                Uploads.put(s3, key, "text/plain", "The first draft said the bridge opens in May.");
        String second =
                Uploads.put(s3, key, "text/plain", "The final text says the bridge opens in June.");
        ObjectNode firstEvent = Uploads.s3Event(key, first, 46);
        ObjectNode secondEvent = Uploads.s3Event(key, second, 46);
        ((ObjectNode) secondEvent.at("/Records/0")).put("eventTime", "2026-11-22T10:05:00.000Z");

        assertTrue(
                outcome(Uploads.invoke(firstEvent)).startsWith("failed: s3://"),
                "the first version is gone");
        assertTrue(outcome(Uploads.invoke(secondEvent)).startsWith("summarized"));
        JsonNode document = Uploads.get(owner, key).body();
        assertEquals("done", document.path("status").asText(), "GET shows the newest version");
        assertTrue(document.path("summary").asText().contains("June"), document.toString());
        assertEquals(1, Emulator.control().calls().size());
        assertEquals(
                2,
                Uploads.list(owner, "").body().path("documents").size(),
                "one record per version");
    }

    private static ObjectRef refOf(ObjectNode event) {
        JsonNode object = event.at("/Records/0/s3/object");
        return new ObjectRef(
                Uploads.BUCKET,
                java.net.URLDecoder.decode(
                        object.path("key").asText(), java.nio.charset.StandardCharsets.UTF_8),
                Optional.empty(),
                Optional.of(object.path("eTag").asText()),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty());
    }
}
