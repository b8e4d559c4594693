package dev.parley.handoff;

import dev.parley.aws.AwsCredentials;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How Parley reaches AWS Lambda to hand a WebSocket chat turn to the stream function (which
 * function: {@code parley.websocket.stream-function}). Every key is in docs/configuration.md's
 * table.
 */
@ConfigMapping(prefix = "parley.handoff")
public interface HandOffSettings {

    /** Region of the Lambda endpoint; the SDK chain (AWS_REGION on Lambda) when absent. */
    Optional<String> region();

    /** Another endpoint, e.g. the local run's Lambda stand-in. */
    Optional<URI> endpointOverride();

    AwsCredentials.Settings credentials();

    @WithDefault("1s")
    Duration connectTimeout();

    /**
     * One Invoke attempt. An {@code Event} invocation only queues the event, so Lambda answers in
     * milliseconds; a hung attempt must leave time for another within the receiving function's
     * 29 s, and a client should not wait long for its error frame.
     */
    @WithDefault("2s")
    Duration apiCallAttemptTimeout();

    /** One Invoke call, as the SDK counts it (Parley's own retries make one call per attempt). */
    @WithDefault("3s")
    Duration apiCallTimeout();

    /**
     * Attempts per hand-off, the first included. Only Lambda's refusals (throttling, 5xx) are
     * retried; an attempt that timed out may have queued the turn, so it is not.
     */
    @WithDefault("3")
    int maxAttempts();
}
