package dev.parley.compare;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "parley.compare")
public interface CompareSettings {

    /** Most models one compare request may name (each is a concurrent Bedrock call). */
    @WithDefault("6")
    int maxModels();
}
