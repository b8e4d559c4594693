package dev.parley.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PromptCacheRun}'s conversation with prompt caching off (parley.prompt-caching.enabled=false). */
@QuarkusTest
@TestProfile(PromptCacheOffBenchmark.Profile.class)
class PromptCacheOffBenchmark {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.prompt-caching.enabled", "false");
        }
    }

    @Test
    void withoutPromptCaching() {
        PromptCacheRun.measureAndPrint("without prompt caching");
    }
}
