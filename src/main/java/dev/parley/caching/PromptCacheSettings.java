package dev.parley.caching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bedrock prompt caching (the README's Caching section); which models take it is in the feature matrix. */
@ConfigMapping(prefix = "parley.prompt-caching")
public interface PromptCacheSettings {

    /** Place cache points on calls to models whose feature-matrix row has {@code promptCache}. */
    @WithDefault("true")
    boolean enabled();
}
