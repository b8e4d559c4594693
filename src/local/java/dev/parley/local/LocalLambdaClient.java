package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Invokes the function the way API Gateway's Lambda integration does, locally: posts an event to
 * the Lambda runtime (Quarkus's mock event server in dev mode) and returns the function's answer.
 * Blocking: callers run it off the Vert.x event loop.
 */
final class LocalLambdaClient {
    /** The integration failed: the function threw, timed out, or answered something unusable. */
    static final class IntegrationException extends IOException {
        IntegrationException(String message) {
            super(message);
        }
    }

    private final URI runtime;
    private final ObjectMapper mapper;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    LocalLambdaClient(URI runtime, ObjectMapper mapper) {
        this.runtime = runtime;
        this.mapper = mapper;
    }

    /** The function's proxy result, which must carry a {@code statusCode}, as API Gateway requires. */
    JsonNode invoke(JsonNode event) throws IOException, InterruptedException {
        HttpResponse<String> result =
                client.send(
                        HttpRequest.newBuilder(runtime)
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                mapper.writeValueAsString(event)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode proxy = mapper.readTree(result.body());
        if (result.statusCode() != 200 || !proxy.has("statusCode")) {
            throw new IntegrationException("the function failed: " + result.body());
        }
        return proxy;
    }
}
