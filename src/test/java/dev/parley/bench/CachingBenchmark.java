package dev.parley.bench;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;

import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Prompt caching on (see {@link PromptCacheRun}; {@link PromptCacheOffBenchmark} is the same
 * conversation with it off), then POST /v1/summarize answered by the model (miss, emulator at
 * 200 ms) and from the response cache (hit), through the whole function. A benchmark: prints
 * figures, asserts nothing; docs/benchmarks.md has the command.
 */
@QuarkusTest
@TestProfile(CachingBenchmark.Profile.class)
class CachingBenchmark {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.cache.enabled", "true", "parley.prompt-caching.enabled", "true");
        }
    }

    @Test
    void promptCachingAndResponseCache() {
        PromptCacheRun.measureAndPrint("with prompt caching");

        Emulator.control().latency(200, 0, 0);
        List<Double> misses = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        String user = "bench-" + UUID.randomUUID();
        for (int i = 0; i < 25; i++) {
            String text =
                    "Summarize: The river festival returns this weekend, edition "
                            + i
                            + ". Forty thousand"
                            + " visitors are expected. Twelve stages line the Danube. Trams run all night.";
            misses.add(timed(() -> summarize(user, text)));
            hits.add(timed(() -> summarize(user, text)));
        }
        misses = misses.subList(5, misses.size());
        hits = hits.subList(5, hits.size());
        System.out.println();
        System.out.println(
                "Response cache benchmark: POST /v1/summarize, emulator answering after 200 ms");
        System.out.printf("%-24s %12s %12s%n", "", "median ms", "p90 ms");
        System.out.printf(
                "%-24s %12.1f %12.1f%n",
                "miss (model call)",
                PromptCacheRun.percentile(misses, 0.5),
                PromptCacheRun.percentile(misses, 0.9));
        System.out.printf(
                "%-24s %12.1f %12.1f%n",
                "hit (response cache)",
                PromptCacheRun.percentile(hits, 0.5),
                PromptCacheRun.percentile(hits, 0.9));
        System.out.printf("(20 samples each after 5 warm-ups)%n%n");
        Emulator.control().reset();
    }

    private static ProxyResult summarize(String user, String text) {
        ProxyResult result = invoke(as(user, http("POST", "/v1/summarize", Map.of("text", text))));
        if (result.status() != 200) {
            throw new IllegalStateException("summarize failed: " + result);
        }
        return result;
    }

    private static double timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e6;
    }
}
