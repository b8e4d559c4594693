package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The critical path of a warm {@code POST /v1/summarize}: DynamoDB round trips and latency
 * anonymous, with a key verified recently on the instance, with a key not seen before, and with a
 * rate-limited key (through the whole function, DynamoDB Local, the emulator at 0 ms). What is made
 * after the response (the ledger's write of its day item, a key's lastUsedAt stamp) is counted
 * apart, by the frame it runs in ({@link DynamoRoundTrips}). A benchmark, not a test:
 * run it with {@code ./mvnw test -Dtest=KeyAuthBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@TestProfile(KeyAuthBenchmark.Profile.class)
class KeyAuthBenchmark {
    private static final int WARMUP = 100;
    private static final int SAMPLES = 100;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.dynamodb.interceptors", DynamoRoundTrips.class.getName());
        }
    }

    private record Figure(
            String label,
            Map<String, Integer> calls,
            Map<String, Integer> afterResponse,
            double medianMs) {}

    @Test
    void roundTripsOnTheCriticalPath() {
        Emulator.control().reset();
        Emulator.control().latency(0, 0);
        String owner = "bench-" + System.nanoTime();
        String key = createKey(owner, Map.of("name", "bench"));
        String limited = createKey(owner, Map.of("name", "bench-limited", "rpm", 1_000_000));
        for (int i = 0; i < WARMUP; i++) {
            summarize(null, i);
            summarize(key, i);
            summarize(limited, i);
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(measure("anonymous", i -> summarize(null, i)));
        figures.add(measure("key, verified recently", i -> summarize(key, i)));
        figures.add(measure("key, rpm limit", i -> summarize(limited, i)));
        // A key this instance has not seen: each sample is a fresh key (created outside the count).
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            fresh.add(createKey(owner + "-" + i, Map.of("name", "fresh")));
        }
        figures.add(measure("key, first use on instance", i -> summarize(fresh.get(i), i)));

        System.out.println();
        System.out.println(
                "KeyAuthBenchmark: warm POST /v1/summarize, DynamoDB round trips per request (after-response work apart)");
        System.out.printf(
                "%-28s %10s %8s %12s  %s%n",
                "caller", "critical", "after", "median ms", "calls by operation (critical; after)");
        for (Figure f : figures) {
            System.out.printf(
                    "%-28s %10.2f %8.2f %12.2f  %s; %s%n",
                    f.label(),
                    critical(f),
                    perRequest(f.afterResponse()),
                    f.medianMs(),
                    f.calls(),
                    f.afterResponse());
        }
        System.out.printf("(load average at the end: %s)%n", loadAverage());
        double anonymous = critical(figures.get(0));
        // A recently verified key's lastUsedAt is stamped after the response, at most about once a
        // minute.
        assertEquals(
                anonymous,
                critical(figures.get(1)),
                0.05,
                "a recently verified key costs no round trip");
        assertEquals(
                anonymous + 1,
                critical(figures.get(2)),
                0.05,
                "a rate-limited key costs one UpdateItem");
        assertEquals(
                anonymous + 1,
                critical(figures.get(3)),
                0.05,
                "an unseen key costs one round trip (its GetItem)");
    }

    /** Round trips per request on the client's critical path. */
    private static double critical(Figure f) {
        return perRequest(f.calls());
    }

    private static double perRequest(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum() / (double) SAMPLES;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Figure measure(String label, java.util.function.IntFunction<ProxyResult> call) {
        DynamoRoundTrips.reset();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            long started = System.nanoTime();
            ProxyResult result = call.apply(i);
            ms.add((System.nanoTime() - started) / 1e6);
            if (result.status() != 200) {
                throw new IllegalStateException(label + ": " + result);
            }
        }
        Collections.sort(ms);
        return new Figure(
                label,
                DynamoRoundTrips.snapshot(),
                DynamoRoundTrips.afterResponse(),
                ms.get(ms.size() / 2));
    }

    private static ProxyResult summarize(String key, int i) {
        ObjectNode event =
                Lambda.http(
                        "POST",
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "Benchmark text number "
                                        + i
                                        + " about the river festival that returns this weekend with music and food."));
        if (key != null) {
            event.with("headers").put("authorization", "Bearer " + key);
        }
        return Lambda.invoke(event);
    }

    private static String createKey(String owner, Object body) {
        ProxyResult created =
                Lambda.invoke(Lambda.as(owner, Lambda.http("POST", "/v1/keys", body)));
        if (created.status() != 201) {
            throw new IllegalStateException(created.toString());
        }
        return created.body().path("key").asText();
    }
}
