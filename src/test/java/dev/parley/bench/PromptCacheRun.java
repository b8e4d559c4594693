package dev.parley.bench;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The prompt-caching benchmark's conversation, shared by {@link CachingBenchmark} (prompt caching
 * on) and {@link PromptCacheOffBenchmark} (off): 20 chat turns on Claude Sonnet 4.6 ({@link #MODEL}) with a
 * 4,000-token system prompt; the emulator spends 100 ms to the first token plus 100 ms per 1,000
 * prompt tokens it must read (tokens read from the prompt cache are free).
 */
final class PromptCacheRun {
    static final int TURNS = 20;
    static final int RUNS = 3;
    static final String MODEL = "claude-sonnet-4-6";

    private PromptCacheRun() {}

    record Run(long inputTokens, long cacheRead, long cacheWrite, List<Double> turnMs) {
        /** Input billed at Bedrock's Claude rates relative to plain input: writes 1.25x, reads 0.1x. */
        double weightedInput() {
            return inputTokens + 1.25 * cacheWrite + 0.1 * cacheRead;
        }
    }

    /** Warms up, runs {@link #RUNS} conversations (each with its own system prompt: a cold cache) and prints a row. */
    static void measureAndPrint(String label) {
        String system =
                "You are the help desk of the city library. Answer politely and precisely. "
                        .repeat(16_000 / 74 + 1)
                        .substring(0, 16_000);
        Emulator.control().reset();
        conversation(system + " Warm-up.", 5);
        Emulator.control().latency(100, 0, 100);
        List<Run> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            runs.add(conversation(system + " Run " + run + ".", TURNS));
        }
        Emulator.control().reset();
        System.out.println();
        System.out.println(
                "Prompt caching benchmark: "
                        + TURNS
                        + "-turn chat, 4,000-token system prompt, "
                        + MODEL
                        + " (emulator: 100 ms to first token + 100 ms per 1,000 prompt tokens not read from the cache)");
        System.out.printf(
                "%-24s %12s %12s %12s %16s %12s %12s%n",
                "", "input", "cache read", "cache write", "weighted input", "median ms", "total s");
        print(label, runs);
        System.out.printf(
                "(per conversation, median of %d; weighted input counts cache writes 1.25x and reads 0.1x)%n%n",
                RUNS);
    }

    static void print(String label, List<Run> runs) {
        Run median =
                runs.stream()
                        .sorted((a, b) -> Double.compare(a.weightedInput(), b.weightedInput()))
                        .toList()
                        .get(runs.size() / 2);
        List<Double> all = new ArrayList<>();
        runs.forEach(r -> all.addAll(r.turnMs()));
        double total =
                runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.turnMs().stream()
                                                        .mapToDouble(Double::doubleValue)
                                                        .sum())
                                .sorted()
                                .toArray()[runs.size() / 2]
                        / 1000;
        System.out.printf(
                "%-24s %12d %12d %12d %16.0f %12.1f %12.2f%n",
                label,
                median.inputTokens(),
                median.cacheRead(),
                median.cacheWrite(),
                median.weightedInput(),
                percentile(all, 0.5),
                total);
    }

    static Run conversation(String system, int turns) {
        String user = "bench-" + UUID.randomUUID();
        String id = null;
        long input = 0;
        long read = 0;
        long write = 0;
        List<Double> times = new ArrayList<>();
        for (int turn = 1; turn <= turns; turn++) {
            Map<String, Object> body = new HashMap<>();
            body.put(
                    "message",
                    "Question " + turn + ": what are the opening hours on day " + turn + "?");
            if (id == null) {
                body.put("model", MODEL);
                body.put("system", system);
            } else {
                body.put("conversationId", id);
            }
            long started = System.nanoTime();
            ProxyResult result = invoke(as(user, http("POST", "/v1/chat", body)));
            times.add((System.nanoTime() - started) / 1e6);
            if (result.status() >= 300) {
                throw new IllegalStateException("turn " + turn + " failed: " + result);
            }
            id = result.body().path("conversationId").asText();
            JsonNode usage = result.body().path("usage");
            input += usage.path("inputTokens").asLong();
            read += usage.path("cacheReadInputTokens").asLong();
            write += usage.path("cacheWriteInputTokens").asLong();
        }
        return new Run(input, read, write, times);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
