package dev.parley.keys;

import dev.parley.aws.AwsCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Produces the Secrets Manager client. Application-scoped, so it is a proxy: built when the
 * bootstrap key is first presented, never at start-up, and never where no bootstrap secret is set.
 */
@ApplicationScoped
public class SecretsClients {

    @Produces
    @ApplicationScoped
    SecretsManagerClient secretsManagerClient(KeySettings settings) {
        KeySettings.Secrets secrets = settings.secrets();
        var builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)))
                .credentialsProvider(AwsCredentials.provider(secrets.credentials(), "parley.keys.secrets.credentials"))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)));
        secrets.region().map(Region::of).ifPresent(builder::region);
        secrets.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }
}
