package dev.parley.bench;

import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static dev.parley.testing.Lambda.webSocketMessage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.ManagementApiControl;
import dev.parley.local.StandIns;
import dev.parley.local.bedrock.EmulatorControl;
import dev.parley.testing.Emulator;
import dev.parley.testing.Frames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * Time to the first streamed text: Parley's WebSocket chat (a MESSAGE event into the function,
 * the first {@code delta} frame arriving at the Management API stand-in) against the AWS SDK's
 * own ConverseStream (call to first text delta), both against the emulator with the same
 * latency. A benchmark, not a test: the default includes skip it; run it with
 * {@code ./mvnw test -Dparley.test.includes='**&#47;StreamFirstFrameBenchmark.java'}.
 */
@QuarkusTest
class StreamFirstFrameBenchmark {
    private static final long FIRST_TOKEN_MS = 200;
    private static final long PER_TOKEN_MS = 20;
    private static final int WARMUP = 5;
    private static final int SAMPLES = 20;
    private static final String MODEL_ID =
            "us.amazon.nova-micro-v1:0"; // the default model, nova-micro
    private static final String MESSAGE = "Say hello to the river festival.";

    /**
     * One run: milliseconds from the start to the model request reaching the emulator, and to the
     * first text delta (for Parley: the first delta frame posted back to the connection). Parley
     * also posts a start frame once the turn is prepared; the SDK has none (0).
     */
    private record Sample(double toModelMs, double firstDeltaMs, double startFrameMs) {}

    private final ExecutorService invoker = Executors.newSingleThreadExecutor();
    private final HttpClient raw =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI lambdaRuntime;
    private ManagementApiControl frames;
    private EmulatorControl emulator;

    @Test
    void timeToFirstFrame() throws Exception {
        emulator = Emulator.control();
        frames = Frames.control();
        lambdaRuntime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        emulator.reset();
        emulator.latency(FIRST_TOKEN_MS, PER_TOKEN_MS);
        List<Sample> sdk = new ArrayList<>();
        List<Sample> parley = new ArrayList<>();
        List<Sample> parleyRaw = new ArrayList<>();
        List<Double> health = new ArrayList<>();
        List<Double> healthRaw = new ArrayList<>();
        try (BedrockRuntimeAsyncClient client = sdkClient()) {
            for (int i = 0; i < WARMUP; i++) {
                sdkRun(client);
                parleyRun("warmup-" + i, event -> invoke(event));
                parleyRun("warmup-raw-" + i, this::invokeRaw);
                timed(event -> invoke(event));
                timed(this::invokeRaw);
            }
            // Interleaved, so that drift (JIT, GC, other load) touches all alike.
            for (int i = 0; i < SAMPLES; i++) {
                sdk.add(sdkRun(client));
                parley.add(parleyRun("run-" + i, event -> invoke(event)));
                parleyRaw.add(parleyRun("run-raw-" + i, this::invokeRaw));
                health.add(timed(event -> invoke(event)));
                healthRaw.add(timed(this::invokeRaw));
            }
        } finally {
            invoker.shutdownNow();
            emulator.reset();
        }
        print(sdk, parley, parleyRaw, health, healthRaw);
    }

    /** The SDK's async client as Parley builds it: Netty, HTTP/1.1, endpoint override, static keys. */
    static BedrockRuntimeAsyncClient sdkClient() {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(
                        ConfigProvider.getConfig()
                                .getValue("parley.bedrock.endpoint-override", URI.class))
                .region(Region.of(StandIns.REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        StandIns.ACCESS_KEY, StandIns.SECRET_KEY)))
                .httpClientBuilder(
                        NettyNioAsyncHttpClient.builder()
                                .protocol(Protocol.HTTP1_1)
                                .connectionTimeout(Duration.ofSeconds(2)))
                .build();
    }

    private Sample sdkRun(BedrockRuntimeAsyncClient client) throws Exception {
        CompletableFuture<Long> firstDelta = new CompletableFuture<>();
        ConverseStreamResponseHandler handler =
                ConverseStreamResponseHandler.builder()
                        .subscriber(
                                ConverseStreamResponseHandler.Visitor.builder()
                                        .onContentBlockDelta(
                                                (ContentBlockDeltaEvent delta) -> {
                                                    if (delta.delta() != null
                                                            && delta.delta().text() != null) {
                                                        firstDelta.complete(System.nanoTime());
                                                    }
                                                })
                                        .build())
                        .build();
        long startedMillis = System.currentTimeMillis();
        long started = System.nanoTime();
        CompletableFuture<Void> done =
                client.converseStream(
                        request ->
                                request.modelId(MODEL_ID)
                                        .messages(
                                                m ->
                                                        m.role(ConversationRole.USER)
                                                                .content(c -> c.text(MESSAGE)))
                                        .inferenceConfig(c -> c.maxTokens(1024)),
                        handler);
        long first = firstDelta.get(30, TimeUnit.SECONDS);
        done.get(30, TimeUnit.SECONDS);
        return new Sample(lastModelCallAt() - startedMillis, (first - started) / 1e6, 0);
    }

    /** @param send how the event reaches the Lambda runtime: the tests' RestAssured, or a plain HTTP client */
    private Sample parleyRun(String name, Consumer<JsonNode> send) throws Exception {
        String connectionId = "bench-" + name + "-" + System.nanoTime();
        JsonNode event =
                webSocketMessage(
                        connectionId, "bench-user", Map.of("action", "chat", "message", MESSAGE));
        CompletableFuture<Long> sent = new CompletableFuture<>();
        CompletableFuture<Void> done =
                CompletableFuture.runAsync(
                        () -> {
                            sent.complete(System.currentTimeMillis());
                            send.accept(event);
                        },
                        invoker);
        long deadline = System.currentTimeMillis() + 30_000;
        Optional<ManagementApiControl.Frame> firstDelta = Optional.empty();
        while (firstDelta.isEmpty()) {
            if (System.currentTimeMillis() > deadline || done.isCompletedExceptionally()) {
                throw new IllegalStateException(
                        "no delta frame on " + connectionId + ": " + frames.frames(connectionId));
            }
            Thread.sleep(5);
            firstDelta =
                    frames.frames(connectionId).stream()
                            .filter(f -> f.type().equals("delta"))
                            .findFirst();
        }
        done.get(30, TimeUnit.SECONDS);
        // The receiving invocation answers once it has handed the turn off; the stream ends later.
        dev.parley.testing.HandOffs.control().awaitIdle(Duration.ofSeconds(30));
        long startedMillis = sent.get();
        List<ManagementApiControl.Frame> all = frames.frames(connectionId);
        if (all.isEmpty()
                || !all.get(0).type().equals("start")
                || all.stream().noneMatch(f -> f.type().equals("end"))) {
            throw new IllegalStateException("not a complete turn: " + all);
        }
        return new Sample(
                lastModelCallAt() - startedMillis,
                firstDelta.get().receivedAtMillis() - startedMillis,
                all.get(0).receivedAtMillis() - startedMillis);
    }

    /** The harness's own cost of an invocation: the cheapest one, GET /v1/health, round trip. */
    private static double timed(Consumer<JsonNode> send) {
        JsonNode event = http("GET", "/v1/health", null);
        long started = System.nanoTime();
        send.accept(event);
        return (System.nanoTime() - started) / 1e6;
    }

    /** Posts the event to the mock event server with the JDK client (RestAssured costs milliseconds per call). */
    private void invokeRaw(JsonNode event) {
        try {
            HttpResponse<String> response =
                    raw.send(
                            HttpRequest.newBuilder(lambdaRuntime)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(event.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("invocation failed: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** When the emulator received the newest ConverseStream request (its own clock, ms). */
    private long lastModelCallAt() {
        List<JsonNode> calls = emulator.calls();
        return calls.get(calls.size() - 1).path("receivedAt").asLong();
    }

    private static void print(
            List<Sample> sdk,
            List<Sample> parley,
            List<Sample> parleyRaw,
            List<Double> health,
            List<Double> healthRaw) {
        List<Double> sdkFirst = field(sdk, Sample::firstDeltaMs);
        List<Double> parleyFirst = field(parley, Sample::firstDeltaMs);
        System.out.println();
        System.out.printf(
                "StreamFirstFrameBenchmark: time to first text, emulator first token %d ms, then %d ms per token%n",
                FIRST_TOKEN_MS, PER_TOKEN_MS);
        System.out.printf("%-58s %10s %8s%n", "", "median ms", "p90 ms");
        row("SDK ConverseStream: call -> first text delta", sdkFirst);
        row("Parley: MESSAGE event -> first delta frame posted", parleyFirst);
        System.out.printf(
                "Parley adds %.1f ms (median), %.1f ms (p90)%n",
                median(parleyFirst) - median(sdkFirst),
                percentile(parleyFirst, 0.9) - percentile(sdkFirst, 0.9));
        System.out.println("where it goes:");
        row("  SDK: call -> request at the emulator", field(sdk, Sample::toModelMs));
        row("  Parley: event -> start frame posted", field(parley, Sample::startFrameMs));
        row("  Parley: event -> request at the emulator", field(parley, Sample::toModelMs));
        row(
                "  SDK: request at emulator -> first delta",
                field(sdk, s -> s.firstDeltaMs() - s.toModelMs()));
        row(
                "  Parley: request at emulator -> first delta frame posted",
                field(parley, s -> s.firstDeltaMs() - s.toModelMs()));
        row("  harness: GET /v1/health round trip (RestAssured)", health);
        row("  harness: GET /v1/health round trip (JDK HttpClient)", healthRaw);
        row(
                "Parley, event sent with the JDK HttpClient -> first delta",
                field(parleyRaw, Sample::firstDeltaMs));
        row("  of which event -> request at the emulator", field(parleyRaw, Sample::toModelMs));
        System.out.printf(
                "(%d samples each after %d warm-up runs; Parley's figures have 1 ms resolution)%n%n",
                SAMPLES, WARMUP);
    }

    private static List<Double> field(
            List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        return samples.stream().map(s -> value.applyAsDouble(s)).toList();
    }

    private static void row(String label, List<Double> values) {
        System.out.printf("%-58s %10.1f %8.1f%n", label, median(values), percentile(values, 0.9));
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
    }
}
