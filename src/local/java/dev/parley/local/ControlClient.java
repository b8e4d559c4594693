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
 * The HTTP side of the stand-ins' control clients ({@link LambdaApiControl}, {@link ManagementApiControl}):
 * one call to a stand-in's {@code /_control/} API, its JSON answer, and any other status than 200 as
 * a failure of the test or local tool that called it.
 */
final class ControlClient {
    /** Long enough for the slowest control call: waiting until a stand-in's queued invocations have run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param endpoint the stand-in's endpoint; its control API is {@code /_control/} there */
    ControlClient(URI endpoint) {
        this.base = endpoint.resolve("/_control/");
    }

    JsonNode call(String method, String path, String body) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(base.resolve(path))
                                    .timeout(TIMEOUT)
                                    .method(
                                            method,
                                            body == null
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
