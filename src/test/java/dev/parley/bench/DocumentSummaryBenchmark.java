package dev.parley.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.StandIns;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wall time of summarizing a long upload by map-reduce, through the whole function (S3 event in,
 * S3 stand-in, DynamoDB Local), with every model call taking {@value #CALL_MS} ms in the emulator:
 * 1, 8 and 32 chunks. A benchmark, not a test: the test run leaves it out; run it with
 * {@code ./mvnw test -Dparley.test.includes='**}{@code /DocumentSummaryBenchmark.java'}.
 */
@QuarkusTest
class DocumentSummaryBenchmark {
    private static final long CALL_MS = 250;
    private static final List<Integer> CHUNKS = List.of(1, 8, 32);
    private static final int RUNS = 3;

    @Inject S3Client s3;

    @Test
    void wallTimeByChunkCount() {
        int concurrency =
                ConfigProvider.getConfig()
                        .getOptionalValue("parley.bedrock.max-concurrency", Integer.class)
                        .orElse(8);
        Emulator.control().reset();
        measure(8); // warm-up: first calls load classes and open connections
        List<String> rows = new ArrayList<>();
        for (int chunks : CHUNKS) {
            Emulator.control().latency(0, 0);
            double base = median(chunks).wallMs();
            Emulator.control().latency(CALL_MS, 0);
            Run run = median(chunks);
            double serial = run.calls() * (double) CALL_MS;
            rows.add(
                    String.format(
                            "%-8d %8d %14.0f %14.0f %16.0f %9.1fx",
                            run.chunks(),
                            run.calls(),
                            base,
                            run.wallMs(),
                            serial,
                            serial / run.wallMs()));
        }
        Emulator.control().reset();
        System.out.println();
        System.out.printf(
                "DocumentSummaryBenchmark: S3 event -> summary through the function, %d concurrent model calls"
                        + " (parley.bedrock.max-concurrency), median of %d runs%n",
                concurrency, RUNS);
        System.out.printf(
                "%-8s %8s %14s %14s %16s %10s%n",
                "chunks",
                "calls",
                "wall ms @0ms",
                "wall ms @" + CALL_MS + "ms",
                "calls x " + CALL_MS + "ms",
                "speed-up");
        rows.forEach(System.out::println);
        System.out.println();
    }

    /** One summary: its wall time (the event's invocation only) and what it took. */
    private record Run(double wallMs, int chunks, int calls) {}

    private Run median(int chunks) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(measure(chunks));
        }
        runs.sort(java.util.Comparator.comparingDouble(Run::wallMs));
        return runs.get(RUNS / 2);
    }

    /** Uploads a text of {@code chunks} chunk-sized sections, then times the invocation with its S3 event. */
    private Run measure(int chunks) {
        String owner = "bench-" + UUID.randomUUID();
        String key = "uploads/" + owner + "/long.txt";
        String text = text(chunks);
        String eTag =
                s3.putObject(
                                put ->
                                        put.bucket(StandIns.DOCUMENTS_BUCKET)
                                                .key(key)
                                                .contentType("text/plain"),
                                RequestBody.fromString(text))
                        .eTag()
                        .replace("\"", "");
        ObjectNode event = Lambda.event("s3-object-created.json");
        ObjectNode object = (ObjectNode) event.at("/Records/0/s3/object");
        object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("eTag", eTag);
        object.put("size", text.length());
        long started = System.nanoTime();
        int status =
                given().contentType("application/json")
                        .body(event.toString())
                        .when()
                        .post()
                        .statusCode();
        double wallMs = (System.nanoTime() - started) / 1e6;
        JsonNode document =
                Lambda.invoke(Lambda.as(owner, Lambda.http("GET", "/v1/documents/" + key, null)))
                        .body();
        if (status != 200 || !"done".equals(document.path("status").asText())) {
            throw new IllegalStateException("not summarized (" + status + "): " + document);
        }
        return new Run(
                wallMs, document.path("chunks").asInt(), document.path("modelCalls").asInt());
    }

    /** Sections of about 3,800 characters: with the tests' 1,000-token chunk cap each is one chunk. */
    private static String text(int sections) {
        StringBuilder text = new StringBuilder();
        for (int s = 1; s <= sections; s++) {
            StringBuilder paragraph = new StringBuilder();
            for (int i = 1; paragraph.length() < 3_700; i++) {
                paragraph
                        .append("Chapter ")
                        .append(s)
                        .append(" records observation ")
                        .append(i)
                        .append(" on water levels and the cost of the new bridge. ");
            }
            text.append(paragraph.toString().strip()).append("\n\n");
        }
        return text.toString().strip();
    }
}
