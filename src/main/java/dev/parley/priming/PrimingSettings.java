package dev.parley.priming;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code parley.priming.*}: what runs before a SnapStart snapshot (see docs/benchmarks.md, Priming for SnapStart). */
@ConfigMapping(prefix = "parley.priming")
public interface PrimingSettings {
    /** Register the CRaC hooks at all; without SnapStart they never run either way. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The SDK's full {@code SdkWarmUp}, including its HTTP-client warm-up: one unsigned request to
     * the Region's STS endpoint (no credentials, no charge). Off, only the SDK's offline part runs
     * (canned responses), which is what the local benchmark does, since it may not leave 127.0.0.1.
     */
    @WithDefault("true")
    boolean sdkHttpWarmUp();

    /**
     * How often the canned Converse call and the priming requests run: enough for the JIT to compile
     * the hot path, and compiled code is part of the snapshot too.
     */
    @WithDefault("200")
    int iterations();

    /** Load (and initialize) the classes listed in META-INF/parley-preload-classes.txt. */
    @WithDefault("true")
    boolean preloadClasses();
}
