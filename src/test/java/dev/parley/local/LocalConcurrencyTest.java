package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Emulator;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local gateway in front of the function with several Lambda instances, as the local run
 * starts it: requests are served concurrently, so two turns on one conversation race as they do
 * on Lambda, and the loser gets the documented 409 (docs/api.md).
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class LocalConcurrencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MODEL_MS = 1_500;

    /** Under the test profile's 5 s Bedrock attempt timeout, and long enough for a health check on a busy runner. */
    private static final long SLOW_MODEL_MS = 3_500;

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private LambdaInstances instances;
    private LocalManagementApi management;
    private LocalApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Emulator.control().reset();
        instances = LambdaInstances.start(3);
        management = LocalManagementApi.start("127.0.0.1", 0);
        URI runtime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        gateway = LocalApiGateway.start("127.0.0.1", 0, runtime, management);
    }

    @AfterEach
    void stop() {
        Emulator.control().reset();
        gateway.close();
        management.close();
        instances.close();
    }

    @Test
    void concurrentTurnsOnOneConversationRaceAndTheLoserGets409() throws Exception {
        HttpResponse<String> first =
                chat("{\"message\": \"Summarize: the river festival returns this weekend.\"}")
                        .join();
        assertEquals(201, first.statusCode(), first.body());
        String id = JSON.readTree(first.body()).path("conversationId").asText();
        // Each turn spends this long in the model call, between reading the history and writing the
        // turn.
        Emulator.control().latency(MODEL_MS, 0);

        List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            turns.add(
                    chat(
                            "{\"conversationId\": \""
                                    + id
                                    + "\", \"message\": \"Racing turn "
                                    + i
                                    + "\"}"));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> turn : turns) {
            HttpResponse<String> response = turn.join();
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                JsonNode error = JSON.readTree(response.body()).path("error");
                assertEquals("conflict", error.path("code").asText(), response.body());
            }
        }
        assertTrue(
                statuses.contains(200) && statuses.contains(409),
                "one turn wins, one gets 409: " + statuses);
        // Served one after the other, the second turn would have read the first one's write and won
        // too; the emulator counts the model calls being answered when each arrived.
        List<JsonNode> racing = calls().subList(1, 3);
        assertTrue(
                racing.get(1).path("inFlight").asInt() >= 2,
                "the later racing call arrived while the earlier one was being answered: "
                        + racing);
        HttpResponse<String> stored =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + gateway.port()
                                                        + "/v1/conversations/"
                                                        + id))
                                .header("X-Local-User", "racer")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(2, JSON.readTree(stored.body()).path("turns").asInt(), stored.body());
    }

    @Test
    void aSlowInvocationDoesNotHoldUpAnother() throws Exception {
        // Long enough that the health check below is answered while the turn is still in its model
        // call, however busy the machine is.
        Emulator.control().latency(SLOW_MODEL_MS, 0);
        CompletableFuture<HttpResponse<String>> slow = chat("{\"message\": \"A slow turn.\"}");
        Awaitility.await("the slow turn reached the model")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> calls().size() == 1);
        HttpResponse<String> health =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + gateway.port()
                                                        + "/v1/health"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertFalse(
                slow.isDone(),
                "health was answered while the slow turn was still waiting for its model");
        assertEquals(201, slow.join().statusCode());
    }

    /** The model calls the emulator received, oldest first. */
    private static List<JsonNode> calls() {
        return Emulator.control().calls().stream()
                .filter(call -> call.path("operation").asText().startsWith("converse"))
                .toList();
    }

    private CompletableFuture<HttpResponse<String>> chat(String body) {
        return http.sendAsync(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Local-User", "racer")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
