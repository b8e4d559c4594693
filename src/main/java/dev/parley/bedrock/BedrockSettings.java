package dev.parley.bedrock;

import dev.parley.aws.AwsCredentials;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How Parley reaches Bedrock Runtime. Every key is listed in docs/configuration.md. */
@ConfigMapping(prefix = "parley.bedrock")
public interface BedrockSettings {

    /** Region of the Bedrock endpoint; when absent the SDK's region chain (AWS_REGION on Lambda) decides. */
    Optional<String> region();

    /** Another endpoint, e.g. the local Bedrock emulator ({@code http://127.0.0.1:8787}). */
    Optional<URI> endpointOverride();

    AwsCredentials.Settings credentials();

    /**
     * Ceiling for one model call including every retry. API Gateway gives an integration 30 s, so
     * the default leaves room for the function's own work before and after the call.
     */
    @WithDefault("25s")
    Duration apiCallTimeout();

    /** Ceiling for a single attempt, so one hung connection cannot eat the whole budget. */
    @WithDefault("20s")
    Duration apiCallAttemptTimeout();

    @WithDefault("2s")
    Duration connectTimeout();

    Retry retry();

    /**
     * The HTTP version of the streaming (async) client. {@code auto}: the SDK's default, HTTP/2
     * (negotiated over TLS) against Bedrock, and HTTP/1.1 against a plain-HTTP endpoint, which
     * cannot negotiate it. {@code http2}: HTTP/2 even on a plain-HTTP endpoint, with prior knowledge
     * (h2c), so that tests run the production transport against the local emulator's h2c front.
     */
    @WithDefault("auto")
    StreamProtocol streamProtocol();

    enum StreamProtocol {
        AUTO,
        HTTP2
    }

    interface Retry {
        /** Attempts per call, the first included. Throttling, 5xx and ModelNotReady are retried. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("200ms")
        Duration baseDelay();

        @WithDefault("3s")
        Duration maxBackoff();

        /** Sent as {@code Retry-After} when Bedrock still throttles after the retries. */
        @WithDefault("5s")
        Duration throttledRetryAfter();
    }
}
