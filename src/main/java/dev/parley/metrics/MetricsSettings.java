package dev.parley.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "parley.metrics")
public interface MetricsSettings {

    /** Whether Parley writes CloudWatch Embedded Metric Format lines to standard output. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudWatch namespace of every metric (template.yaml's alarms and dashboard use Parley). */
    @WithDefault("Parley")
    String namespace();
}
