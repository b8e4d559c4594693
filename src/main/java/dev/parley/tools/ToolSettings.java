package dev.parley.tools;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "parley.tools")
public interface ToolSettings {

    /** Tools that may run (default: every tool). A request can narrow this set, never widen it. */
    Optional<List<String>> allowed();

    /** Model calls per request before the loop stops with {@code max_iterations}. */
    @WithDefault("5")
    int maxIterations();

    /** {@code maxTokens} per model call when a request sets none (capped to the model's limit). */
    @WithDefault("1024")
    int defaultMaxTokens();

    /** Longest a single tool may run. */
    @WithDefault("5s")
    Duration timeout();

    /** The loop stops (stopReason {@code deadline}) when less than this is left of the Lambda's time. */
    @WithDefault("4s")
    Duration deadlineMargin();

    /** Largest tool output fed back to the model, in characters (JSON); longer output is cut. */
    @WithDefault("8000")
    int maxOutputChars();

    Weather weather();

    ReadDocument readDocument();

    interface Weather {
        /** Open-Meteo's geocoding API: no key needed. The tool calls nothing but these two hosts. */
        @WithDefault("https://geocoding-api.open-meteo.com/v1/search")
        URI geocodingUrl();

        @WithDefault("https://api.open-meteo.com/v1/forecast")
        URI forecastUrl();
    }

    interface ReadDocument {
        /** The documents bucket; the tool is unusable (answers an error) when unset. */
        Optional<String> bucket();

        /** Objects the tool may read live under {@code prefix + caller + "/"}. */
        @WithDefault("uploads/")
        String prefix();

        @WithDefault("200000")
        int maxBytes();
    }
}
