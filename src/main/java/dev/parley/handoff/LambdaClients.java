package dev.parley.handoff;

import dev.parley.aws.AwsCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Produces the Lambda client from {@link HandOffSettings}, as {@code bedrock.BedrockClients} does
 * for Bedrock. Application-scoped, so it is a proxy: the client is built on the first hand-off,
 * never at start-up (the HTTP routes, the authorizer and the stream function never build it).
 */
@ApplicationScoped
public class LambdaClients {

    @Produces
    @ApplicationScoped
    LambdaClient lambdaClient(HandOffSettings settings) {
        var builder =
                LambdaClient.builder()
                        .httpClientBuilder(
                                UrlConnectionHttpClient.builder()
                                        .connectionTimeout(settings.connectTimeout())
                                        .socketTimeout(settings.apiCallAttemptTimeout()))
                        .credentialsProvider(
                                AwsCredentials.provider(
                                        settings.credentials(), "parley.handoff.credentials"))
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .apiCallTimeout(settings.apiCallTimeout())
                                        .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                                        // One attempt per call: LambdaStreamHandOff retries only
                                        // what may be retried.
                                        .retryStrategy(DefaultRetryStrategy.doNotRetry())
                                        .build());
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes LambdaClient client) {
        client.close();
    }
}
