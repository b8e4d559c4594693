package dev.parley.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Produces the Secrets Manager client. Application-scoped, so it is a proxy: built when a secret is
 * first read (the bootstrap key's first presentation, the first sealed reasoning), never at
 * start-up, and never where no secret ARN is set.
 */
@ApplicationScoped
public class SecretsClients {

    @Produces
    @ApplicationScoped
    SecretsManagerClient secretsManagerClient(SecretsSettings settings) {
        var builder =
                SecretsManagerClient.builder()
                        .httpClientBuilder(
                                UrlConnectionHttpClient.builder()
                                        .connectionTimeout(Duration.ofSeconds(2))
                                        .socketTimeout(Duration.ofSeconds(3)))
                        .credentialsProvider(
                                AwsCredentials.provider(
                                        settings.credentials(), "parley.secrets.credentials"))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)));
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }
}
