package dev.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates every sample event in {@code events/} (deleted fields, changed types, odd strings, huge
 * values) and posts each mutant to the function through the Lambda runtime, as Lambda would. No
 * HTTP or WebSocket event may end in a Lambda-level error (the function throwing) or in a 5xx:
 * with every dependency healthy, a 5xx could only be the caller's input breaking something. S3
 * events may end in Parley's deliberate "retry later" error, nothing else.
 *
 * <p>Seeded: the seed is printed with every failure; {@code -Dparley.fuzz.seed=N} replays a run,
 * {@code -Dparley.fuzz.iterations=N} changes its length.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class EventFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETRY_LATER = "RetryLater";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mutatedSampleEventsNeverBreakTheFunction() throws Exception {
        long seed = Long.getLong("parley.fuzz.seed", System.nanoTime());
        int iterations = Integer.getInteger("parley.fuzz.iterations", 300);
        // Printed on every run, not only on failure, so a run that hangs or dies can be replayed
        // too.
        System.out.println(
                "EventFuzzTest seed " + seed + " (replay with -Dparley.fuzz.seed=" + seed + ")");
        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(samples.size() >= 10, "the sample events are missing: " + samples);
        Emulator.control().reset();
        EventMutator mutator = new EventMutator(seed);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < iterations && failures.size() < 5; i++) {
            Path sample = samples.get(i % samples.size());
            ObjectNode original = (ObjectNode) JSON.readTree(Files.readString(sample));
            ObjectNode mutant = mutator.mutate(original);
            String problem = check(kind(original), invoke(mutant));
            if (problem != null) {
                failures.add(
                        "iteration "
                                + i
                                + " of "
                                + sample.getFileName()
                                + ": "
                                + problem
                                + "\n  event: "
                                + clip(mutant.toString(), 3000));
            }
        }
        if (!failures.isEmpty()) {
            fail(
                    "seed "
                            + seed
                            + " (replay with -Dparley.fuzz.seed="
                            + seed
                            + "): "
                            + failures.size()
                            + " mutant(s) broke the function:\n"
                            + String.join("\n", failures));
        }
    }

    private enum Kind {
        HTTP,
        WEBSOCKET,
        OBJECTS
    }

    /** What a sample is: HTTP and WebSocket events must get an integration response; the rest are event sources. */
    private static Kind kind(JsonNode sample) {
        JsonNode context = sample.path("requestContext");
        if (context.has("connectionId")) {
            return Kind.WEBSOCKET;
        }
        return context.has("http") || sample.has("httpMethod") ? Kind.HTTP : Kind.OBJECTS;
    }

    /** The runtime's answer: its HTTP status (200 unless the function threw) and body. */
    private record Answer(int runtimeStatus, JsonNode body, String raw) {}

    private Answer invoke(JsonNode event) throws IOException, InterruptedException {
        URI runtime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(runtime)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.missingNode();
        }
        return new Answer(
                response.statusCode(), body == null ? JSON.missingNode() : body, response.body());
    }

    /** Null when the answer is acceptable for an event mutated from a sample of {@code kind}. */
    private static String check(Kind kind, Answer answer) {
        boolean threw =
                answer.runtimeStatus() != 200
                        || answer.body().has("errorType")
                        || answer.body().has("errorMessage");
        if (threw) {
            boolean retryLater = answer.body().path("errorType").asText().contains(RETRY_LATER);
            return kind == Kind.OBJECTS && retryLater
                    ? null
                    : "Lambda-level error: " + clip(answer.raw(), 2000);
        }
        if (answer.raw().contains("\tat ") || answer.raw().contains("Exception:")) {
            return "the answer carries a stack trace or exception: " + clip(answer.raw(), 2000);
        }
        if (answer.body().path("error").path("code").asText().equals("unsupported_event")) {
            return null; // mutated beyond recognition, and answered so
        }
        if (kind == Kind.OBJECTS) {
            return null;
        }
        JsonNode status = answer.body().path("statusCode");
        if (!status.isInt()) {
            return "no statusCode in the answer: " + clip(answer.raw(), 2000);
        }
        return status.asInt() >= 500
                ? "answered " + status.asInt() + ": " + clip(answer.raw(), 2000)
                : null;
    }

    private static String clip(String text, int max) {
        return text.length() > max
                ? text.substring(0, max) + "…(" + text.length() + " chars)"
                : text;
    }
}
