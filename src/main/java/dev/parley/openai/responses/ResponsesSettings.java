package dev.parley.openai.responses;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The Responses API's settings ({@code parley.responses.*}). */
@ConfigMapping(prefix = "parley.responses")
public interface ResponsesSettings {

    /**
     * How long a stored response is kept for {@code previous_response_id} and {@code GET} (DynamoDB
     * TTL). 30 days, as OpenAI keeps stored responses by default.
     */
    @WithDefault("30d")
    Duration retention();

    /**
     * The secret the key of {@code encrypted_content} (reasoning handed to the client with
     * {@code store: false}) is derived from. Set it in deployments (every instance must share it);
     * without it each instance makes a random key, and encrypted reasoning is readable only by the
     * instance that wrote it.
     */
    Optional<String> reasoningSecret();

    /**
     * The Secrets Manager secret (ARN or name) holding that secret, for deployments
     * ({@code PARLEY_RESPONSES_REASONING_SECRET_ARN}): read through the SDK on the first sealed or
     * opened reasoning, so the text never sits in the function's environment. Ignored when
     * {@code reasoning-secret} is set.
     */
    Optional<String> reasoningSecretArn();
}
