package dev.parley.playground;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web playground (static files under {@code /playground/}): off unless turned on; the local run turns it on. */
@ConfigMapping(prefix = "parley.playground")
public interface PlaygroundSettings {

    /**
     * Whether the function serves the playground at {@code /} and {@code /playground/}. Off by
     * default: a deployed function answers those paths 404 unless this is set.
     */
    @WithDefault("false")
    boolean enabled();
}
