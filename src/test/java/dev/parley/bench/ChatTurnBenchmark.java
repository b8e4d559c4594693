package dev.parley.bench;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;

import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-turn latency of POST /v1/chat at turn 1, 100 and 300, through the whole function (Lambda
 * event in, DynamoDB Local, emulator at zero latency). A benchmark, not a test: Surefire's default
 * includes skip it; run it with
 * {@code ./mvnw test -Dtest=ChatTurnBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
class ChatTurnBenchmark {
    private static final int CONVERSATIONS = 3;
    private static final int TURNS = 300;
    private static final List<Integer> MEASURED = List.of(1, 100, 300);
    private static final int WARMUP_TURNS = 200;

    @Test
    void perTurnLatency() {
        Emulator.control().reset();
        Emulator.control().latency(0, 0);
        warmUp();
        Map<Integer, List<Double>> samples = new java.util.TreeMap<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String user = "bench-" + c + "-" + System.nanoTime();
            String id = null;
            for (int turn = 1; turn <= TURNS; turn++) {
                long started = System.nanoTime();
                ProxyResult result =
                        turn(user, id, "Message number " + turn + " with a little text to carry.");
                double ms = (System.nanoTime() - started) / 1e6;
                if (result.status() >= 300) {
                    throw new IllegalStateException("turn " + turn + " failed: " + result);
                }
                id = result.body().path("conversationId").asText();
                // Each figure is the median of the 5 turns ending at the measured turn.
                for (int point : MEASURED) {
                    if (turn > point - 5 && turn <= point) {
                        samples.computeIfAbsent(point, k -> new ArrayList<>()).add(ms);
                    }
                }
            }
            Emulator.control().reset();
        }
        double first = median(samples.get(1));
        System.out.println();
        System.out.println(
                "ChatTurnBenchmark: POST /v1/chat latency through the function, DynamoDB Local, emulator at 0 ms");
        System.out.printf("%-10s %12s %12s %10s%n", "turn", "median ms", "p90 ms", "vs turn 1");
        for (Map.Entry<Integer, List<Double>> entry : samples.entrySet()) {
            double median = median(entry.getValue());
            System.out.printf(
                    "%-10d %12.2f %12.2f %9.2fx%n",
                    entry.getKey(), median, percentile(entry.getValue(), 0.9), median / first);
        }
        System.out.printf(
                "(%d conversations of %d turns; each figure over the 5 turns ending at that turn)%n%n",
                CONVERSATIONS, TURNS);
    }

    private void warmUp() {
        String id = null;
        for (int i = 0; i < WARMUP_TURNS; i++) {
            id = turn("bench-warmup", id, "warm-up " + i).body().path("conversationId").asText();
        }
    }

    private static ProxyResult turn(String user, String id, String message) {
        Map<String, Object> body =
                id == null
                        ? Map.of("message", message)
                        : Map.of("conversationId", id, "message", message);
        return invoke(as(user, http("POST", "/v1/chat", body)));
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
    }
}
