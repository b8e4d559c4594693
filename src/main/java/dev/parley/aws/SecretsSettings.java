package dev.parley.aws;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/**
 * The Secrets Manager client ({@code parley.secrets.*}), configured the way the amazon-services
 * extensions configure theirs. Deployed, nothing needs setting: the Region and credentials come
 * from the Lambda environment; tests point it at a stand-in.
 */
@ConfigMapping(prefix = "parley.secrets")
public interface SecretsSettings {
    /** Region of Secrets Manager; the SDK chain (AWS_REGION on Lambda) when absent. */
    Optional<String> region();

    /** Another endpoint (tests, a local stand-in). */
    Optional<URI> endpointOverride();

    AwsCredentials.Settings credentials();
}
