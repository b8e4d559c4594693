package dev.parley.docs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import dev.parley.testing.HandOffs;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every sample in {@code events/} is what docs/local-run.md tells users to send with
 * {@code sam local invoke -e}, or to post to the local run's Lambda event endpoint: posted as is to
 * the function's runtime (the mock event server), each is accepted and answered sensibly.
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What each sample's answer must show; a new sample needs its line here. */
    private static final Map<String, Consumer<JsonNode>> EXPECTED =
            Map.ofEntries(
                    Map.entry(
                            "health.json", answer -> assertHttp(answer, 200, "\"status\":\"ok\"")),
                    Map.entry("models.json", answer -> assertHttp(answer, 200, "\"defaultModel\"")),
                    Map.entry("summarize.json", answer -> assertHttp(answer, 200, "\"summary\"")),
                    Map.entry(
                            "summarize-base64.json",
                            answer -> assertHttp(answer, 200, "\"summary\"")),
                    Map.entry(
                            "function-url-summarize.json",
                            answer -> assertHttp(answer, 200, "\"summary\"")),
                    Map.entry(
                            "rest-api-v1-summarize.json",
                            answer -> assertHttp(answer, 200, "\"summary\"")),
                    Map.entry("compare.json", answer -> assertHttp(answer, 200, "\"results\"")),
                    Map.entry(
                            "invoke-anthropic.json",
                            answer -> assertHttp(answer, 200, "\"content\"")),
                    Map.entry("websocket-connect.json", answer -> assertHttp(answer, 200, "")),
                    Map.entry("websocket-chat.json", answer -> assertHttp(answer, 200, "")),
                    Map.entry("websocket-disconnect.json", answer -> assertHttp(answer, 200, "")),
                    // Lambda event sources that expect no HTTP answer: the function returns
                    // normally.
                    Map.entry("websocket-chat-handoff.json", SampleEventsTest::assertNotAnError),
                    Map.entry("s3-object-created.json", SampleEventsTest::assertNotAnError),
                    Map.entry(
                            "eventbridge-object-created.json", SampleEventsTest::assertNotAnError),
                    Map.entry("lambda-on-failure-s3.json", SampleEventsTest::assertNotAnError),
                    Map.entry(
                            "lambda-on-failure-chat-stream.json",
                            SampleEventsTest::assertNotAnError),
                    Map.entry(
                            "sqs-s3-notifications.json",
                            answer ->
                                    assertTrue(
                                            answer.path("batchItemFailures").isArray(),
                                            answer.toString())),
                    Map.entry(
                            "sqs-chat-stream-failed.json",
                            answer ->
                                    assertTrue(
                                            answer.path("batchItemFailures").isArray(),
                                            answer.toString())),
                    // template.yaml's daily schedule: the catalog refresh asks the emulator's
                    // control plane.
                    Map.entry(
                            "catalog-refresh.json",
                            answer ->
                                    assertTrue(
                                            answer.path("refreshed").asBoolean(),
                                            answer.toString())));

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        Frames.control().reset();
    }

    @Test
    void everySampleHasAnExpectation() throws Exception {
        assertEquals(
                new TreeSet<>(EXPECTED.keySet()),
                new TreeSet<>(samples()),
                "events/*.json and this test's expectations differ");
    }

    @Test
    void everySampleIsAcceptedAndAnsweredSensibly() throws Exception {
        for (String sample : samples()) {
            Emulator.control().reset();
            Response response =
                    given().contentType("application/json")
                            .body(Files.readString(Path.of("events", sample)))
                            .when()
                            .post();
            assertTrue(
                    HandOffs.control().awaitIdle(Duration.ofSeconds(90)),
                    sample + ": a hand-off did not finish");
            // The mock event server answers 200 with the handler's return value; a Lambda error is
            // a 500.
            assertEquals(200, response.statusCode(), sample + ": " + response.asString());
            String body = response.asString();
            JsonNode answer = body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            try {
                EXPECTED.get(sample).accept(answer);
            } catch (AssertionError e) {
                throw new AssertionError(sample + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<String> samples() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private static void assertHttp(JsonNode answer, int status, String bodyContains) {
        assertEquals(status, answer.path("statusCode").asInt(), answer.toString());
        assertTrue(answer.path("body").asText("").contains(bodyContains), answer.toString());
    }

    private static void assertNotAnError(JsonNode answer) {
        assertTrue(
                !answer.has("errorType")
                        && !answer.has("errorMessage")
                        && answer.path("statusCode").asInt(200) < 500,
                answer.toString());
    }
}
