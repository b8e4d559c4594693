package dev.parley.keys;

import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.local.LambdaInstances;
import dev.parley.local.LocalApiGateway;
import dev.parley.local.LocalManagementApi;
import dev.parley.table.TableSettings;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * rpm and tpm against DynamoDB Local under real concurrency: many parallel requests through
 * several function instances (the local run's extra Lambda instances behind the local API
 * gateway), and two independent limiters (two instances' memories) racing on one counter.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class RateLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject MovableClock clock;
    @Inject DynamoDbClient dynamo;
    @Inject TableSettings store;
    @Inject KeyVerifier verifier;

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
        // At the start of a minute, so a test's requests never straddle two counters.
        long minute = Instant.now().getEpochSecond() / 60 + 1;
        clock.set(Instant.ofEpochSecond(minute * 60));
        instances = LambdaInstances.start(3);
        management = LocalManagementApi.start("127.0.0.1", 0);
        URI runtime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        gateway = LocalApiGateway.start("127.0.0.1", 0, runtime, management);
    }

    @AfterEach
    void stop() {
        clock.reset();
        gateway.close();
        management.close();
        instances.close();
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void manyParallelRequestsThroughSeveralInstancesAdmitExactlyRpm() throws Exception {
        String key = createKey(user("alice"), Map.of("name", "limited", "rpm", 10));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(
                    http.sendAsync(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + gateway.port()
                                                            + "/openai/v1/models"))
                                    .header("Authorization", "Bearer " + key)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        int admitted = 0;
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() == 200) {
                admitted++;
                assertTrue(
                        response.headers()
                                .firstValue("x-ratelimit-remaining-requests")
                                .isPresent());
            } else {
                assertEquals(429, response.statusCode(), response.body());
                limited++;
                JsonNode error = JSON.readTree(response.body()).path("error");
                assertEquals("rate_limit_exceeded", error.path("code").asText(), response.body());
                assertEquals(
                        "0",
                        response.headers()
                                .firstValue("x-ratelimit-remaining-requests")
                                .orElseThrow());
                long retryAfter =
                        Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            }
        }
        assertEquals(10, admitted, "exactly rpm requests pass across instances");
        assertEquals(20, limited);
        // Parley's own routes answer the same refusal in Parley's shape.
        ProxyResult parley = withKey("GET", "/v1/conversations", null, key);
        assertEquals(429, parley.status());
        assertEquals("rate_limited", parley.errorCode());
        // The next minute has room again.
        clock.set(Instant.ofEpochSecond((clock.instant().getEpochSecond() / 60 + 1) * 60));
        assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
    }

    @Test
    void twoInstancesLimitersShareOneCounter() throws Exception {
        String secret = createKey(user("alice"), Map.of("name", "shared", "rpm", 15));
        ApiKey key = verifier.verify(secret);
        RateLimiter[] limiters = {
            new RateLimiter(dynamo, store, clock), new RateLimiter(dynamo, store, clock)
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> decisions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RateLimiter limiter = limiters[i % 2];
            decisions.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return limiter.admit(key).admitted();
                            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> decision : decisions) {
            admitted += decision.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(15, admitted);
    }

    @Test
    void tokensOfEarlierCallsCountAgainstTpm() {
        String key = createKey(user("alice"), Map.of("name", "tokens", "tpm", 40));
        Map<String, Object> completion =
                Map.of(
                        "model",
                        "nova-micro",
                        "messages",
                        List.of(
                                Map.of(
                                        "role",
                                        "user",
                                        "content",
                                        "Tell me about the river festival in detail")));
        ProxyResult first = withKey("POST", "/openai/v1/chat/completions", completion, key);
        assertEquals(200, first.status(), first.toString());
        int used = first.body().path("usage").path("total_tokens").asInt();
        assertTrue(used > 0);
        assertEquals("40", first.header("x-ratelimit-limit-tokens"));
        int calls = 1;
        ProxyResult last = first;
        // The tokens of each call are reported with the key's next request; once the minute's
        // tokens reach tpm, the next request is refused.
        while (last.status() == 200 && calls < 50) {
            last = withKey("POST", "/openai/v1/chat/completions", completion, key);
            calls++;
        }
        assertEquals(429, last.status(), last.toString());
        assertEquals("0", last.header("x-ratelimit-remaining-tokens"));
        int admittedCalls = calls - 1;
        assertTrue(
                (long) (admittedCalls - 1) * used < 40,
                "refused only once the reported tokens reached tpm: "
                        + admittedCalls
                        + " calls of "
                        + used
                        + " tokens");
    }

    @Test
    void aStreamsTokensCountAgainstTpmWhenItEnds() throws Exception {
        String key = createKey(user("alice"), Map.of("name", "stream tokens", "tpm", 1_000_000));
        Map<String, Object> body =
                Map.of(
                        "model",
                        "nova-micro",
                        "stream",
                        true,
                        "stream_options",
                        Map.of("include_usage", true),
                        "messages",
                        List.of(Map.of("role", "user", "content", "Tell me about the festival")));
        // Through the local API gateway and the stream function, as deployed.
        HttpResponse<String> streamed =
                http.send(
                        HttpRequest.newBuilder(
                                        dev.parley.openai.OpenAiClients.root()
                                                .resolve("/openai/v1/chat/completions"))
                                .header("authorization", "Bearer " + key)
                                .header("content-type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, streamed.statusCode(), streamed.body());
        long tokens = 0;
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode usage = JSON.readTree(line.substring(6)).path("usage");
                tokens = Math.max(tokens, usage.path("total_tokens").asLong());
            }
        }
        assertTrue(tokens > 0, streamed.body());
        // The stream's tokens were counted when it ended: the key's next request carries them.
        ProxyResult next = withKey("GET", "/openai/v1/models", null, key);
        assertEquals(200, next.status(), next.toString());
        assertEquals(
                Long.toString(1_000_000 - tokens),
                next.header("x-ratelimit-remaining-tokens"),
                next.toString());
    }
}
