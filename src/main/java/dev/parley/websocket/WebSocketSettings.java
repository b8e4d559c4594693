package dev.parley.websocket;

import dev.parley.aws.AwsCredentials;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "parley.websocket")
public interface WebSocketSettings {

    /**
     * Where frames are posted (the API Gateway Management API). By default it is derived from each
     * event ({@code https://{domainName}/{stage}}); the local run points it at its own stand-in.
     */
    Optional<URI> managementEndpoint();

    /**
     * The function (name, ARN or {@code name:alias}) that streams chat turns. When set, the
     * function that receives a {@code chat} message validates it, hands the turn to this one
     * asynchronously and answers API Gateway at once, so no client ever sees API Gateway's 29 s
     * integration timeout. When absent, the turn streams in the receiving invocation itself.
     */
    Optional<String> streamFunction();

    /** Region of the Management API; the SDK chain (AWS_REGION on Lambda) when absent. */
    Optional<String> region();

    AwsCredentials.Settings credentials();

    /**
     * Deltas arriving within this interval after a post are sent together, so a fast model does
     * not cost one PostToConnection per token. The first delta is never held back.
     */
    @WithDefault("50ms")
    Duration coalesce();

    /** Longest delta text per frame; API Gateway's WebSocket frames are at most 32 KB. */
    @WithDefault("8000")
    int maxFrameChars();
}
