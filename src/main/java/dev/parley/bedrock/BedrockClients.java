package dev.parley.bedrock;

import dev.parley.aws.AwsCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;

/**
 * Produces the Bedrock Runtime clients once, configured from {@link BedrockSettings}, the way the
 * Quarkus amazon-services extensions would (there is no bedrockruntime extension to use). Both
 * are application-scoped proxies, so a client is built on first use, not at start-up.
 */
@ApplicationScoped
public class BedrockClients {

    @Produces
    @ApplicationScoped
    BedrockRuntimeClient syncClient(BedrockSettings settings) {
        return configured(
                BedrockRuntimeClient.builder().httpClientBuilder(urlConnection(settings)),
                settings);
    }

    /**
     * The control plane's client (ListFoundationModels, GetFoundationModelAvailability): only the
     * catalog refresh uses it, once a day, so it is built like the runtime's sync client, on first use.
     */
    @Produces
    @ApplicationScoped
    BedrockClient controlPlaneClient(BedrockSettings settings) {
        return configured(
                BedrockClient.builder().httpClientBuilder(urlConnection(settings)), settings);
    }

    void close(@Disposes BedrockClient client) {
        client.close();
    }

    /**
     * A sync client built like the real one (URL-connection HTTP client, timeouts, retries) but
     * pointed at {@code endpoint} with dummy static credentials: priming calls a loopback endpoint
     * with it, so no request reaches AWS and no real credentials are resolved before a snapshot.
     */
    static BedrockRuntimeClient primingClient(BedrockSettings settings, URI endpoint) {
        return BedrockRuntimeClient.builder()
                .httpClientBuilder(urlConnection(settings))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("priming", "priming")))
                .region(settings.region().map(Region::of).orElse(Region.US_EAST_1))
                .endpointOverride(endpoint)
                .overrideConfiguration(overrides(settings))
                .build();
    }

    /** For ConverseStream, over the HTTP version {@link #streamProtocol} picks. */
    @Produces
    @ApplicationScoped
    BedrockRuntimeAsyncClient asyncClient(BedrockSettings settings) {
        var http = NettyNioAsyncHttpClient.builder().connectionTimeout(settings.connectTimeout());
        streamProtocol(settings).ifPresent(http::protocol);
        return configured(BedrockRuntimeAsyncClient.builder().httpClientBuilder(http), settings);
    }

    /**
     * What every Bedrock client shares, whichever HTTP client it has: the configured credentials,
     * timeouts and retries, and the region and endpoint when they are set (otherwise the SDK's own
     * resolution, which fails loudly rather than defaulting to a region).
     */
    private static <B extends AwsClientBuilder<B, C>, C> C configured(
            B builder, BedrockSettings settings) {
        builder.credentialsProvider(credentials(settings))
                .overrideConfiguration(overrides(settings));
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The streaming client's HTTP version, when it is not the SDK's own default (HTTP/2 for Bedrock
     * Runtime's async client, negotiated over TLS): a plain-HTTP endpoint cannot negotiate HTTP/2,
     * so it gets HTTP/1.1 unless {@code parley.bedrock.stream-protocol=http2} asks for HTTP/2 with
     * prior knowledge (h2c), as the tests do against the emulator's h2c front.
     */
    static java.util.Optional<Protocol> streamProtocol(BedrockSettings settings) {
        boolean plainHttp =
                settings.endpointOverride()
                        .map(URI::getScheme)
                        .map("http"::equalsIgnoreCase)
                        .orElse(false);
        return switch (settings.streamProtocol()) {
            case HTTP2 -> java.util.Optional.of(Protocol.HTTP2);
            case AUTO ->
                    plainHttp
                            ? java.util.Optional.of(Protocol.HTTP1_1)
                            : java.util.Optional.empty();
        };
    }

    void close(@Disposes BedrockRuntimeClient client) {
        client.close();
    }

    void close(@Disposes BedrockRuntimeAsyncClient client) {
        client.close();
    }

    /** The sync clients' HTTP client: URL connection (no extra dependency, native-friendly), Parley's timeouts. */
    private static UrlConnectionHttpClient.Builder urlConnection(BedrockSettings settings) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.apiCallAttemptTimeout());
    }

    private static ClientOverrideConfiguration overrides(BedrockSettings settings) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .retryStrategy(retryStrategy(settings.retry()))
                .build();
    }

    static RetryStrategy retryStrategy(BedrockSettings.Retry retry) {
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retry.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                // A model still loading answers ModelNotReady; Bedrock's own guidance is to retry
                // it.
                .retryOnExceptionInstanceOf(ModelNotReadyException.class)
                // The total is already bounded by apiCallTimeout; a token bucket shared across
                // invocations of a warm Lambda would only make later requests fail without trying.
                .circuitBreakerEnabled(false)
                .build();
    }

    private static AwsCredentialsProvider credentials(BedrockSettings settings) {
        return AwsCredentials.provider(settings.credentials(), "parley.bedrock.credentials");
    }
}
