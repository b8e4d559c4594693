package dev.parley.caching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bedrock prompt caching (docs/caching.md); which models take it is in the feature matrix. */
@ConfigMapping(prefix = "parley.prompt-caching")
public interface PromptCacheSettings {

    /** Place cache points on calls to models whose feature-matrix row has {@code promptCache}. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long Bedrock keeps a cached prefix after its last use: {@code 5m} (Bedrock's default, no
     * {@code ttl} sent) or {@code 1h} ({@code ttl: "1h"}, on the models whose row has
     * {@code promptCacheLongTtl}; the others keep five minutes). The hour costs more to write (about
     * 2x the input price instead of 1.25x) and pays off when a conversation pauses longer than five
     * minutes between turns.
     */
    @WithDefault("5m")
    String ttl();
}
