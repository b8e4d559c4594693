package dev.parley.controls;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "parley.controls")
public interface ControlsSettings {

    /**
     * The service tier of calls whose request and key name none: {@code priority}, {@code default}
     * or {@code flex}. Unset, Bedrock's standard tier serves them (no {@code serviceTier} is sent).
     */
    Optional<String> defaultServiceTier();
}
