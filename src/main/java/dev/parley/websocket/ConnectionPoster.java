package dev.parley.websocket;

import dev.parley.aws.AwsCredentials;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Posts frames to WebSocket connections through the API Gateway Management API
 * ({@code PostToConnection}). One client per API endpoint, built on first use.
 */
@ApplicationScoped
public class ConnectionPoster {
    private static final Logger LOG = Logger.getLogger(ConnectionPoster.class);

    private final WebSocketSettings settings;
    private final Map<URI, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();

    ConnectionPoster(WebSocketSettings settings) {
        this.settings = settings;
    }

    /** What became of a post: delivered, the client has gone, or it failed otherwise. */
    public enum Result {
        DELIVERED,
        GONE,
        FAILED
    }

    public Result post(URI endpoint, String connectionId, String json) {
        try {
            client(endpoint)
                    .postToConnection(
                            post ->
                                    post.connectionId(connectionId)
                                            .data(SdkBytes.fromUtf8String(json)));
            return Result.DELIVERED;
        } catch (GoneException e) {
            return Result.GONE;
        } catch (SdkException e) {
            LOG.warnf("posting to connection %s failed: %s", connectionId, e.getMessage());
            return Result.FAILED;
        }
    }

    private ApiGatewayManagementApiClient client(URI endpoint) {
        return clients.computeIfAbsent(
                endpoint,
                uri -> {
                    var builder =
                            ApiGatewayManagementApiClient.builder()
                                    .endpointOverride(uri)
                                    .httpClientBuilder(
                                            UrlConnectionHttpClient.builder()
                                                    .connectionTimeout(Duration.ofSeconds(2))
                                                    .socketTimeout(Duration.ofSeconds(5)))
                                    .credentialsProvider(
                                            AwsCredentials.provider(
                                                    settings.credentials(),
                                                    "parley.websocket.credentials"));
                    settings.region().map(Region::of).ifPresent(builder::region);
                    return builder.build();
                });
    }

    @PreDestroy
    void close() {
        clients.values().forEach(ApiGatewayManagementApiClient::close);
    }
}
