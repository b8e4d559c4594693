package dev.parley.summarize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "parley.summarize")
public interface SummarizeSettings {

    /** {@code maxTokens} when the request sets none (capped to the model's limit). */
    @WithDefault("1024")
    int defaultMaxTokens();
}
