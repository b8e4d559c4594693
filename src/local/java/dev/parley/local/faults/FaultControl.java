package dev.parley.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A client for one {@link FaultProxy}'s {@code /_faults/} endpoints, for tests and local runs. */
public final class FaultControl {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request the proxy saw; {@code fault} is {@code pass} or the fault's name. */
    public record Request(
            long atMillis, String method, String target, String operation, String fault) {}

    private final URI proxy;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    public FaultControl(URI proxy) {
        this.proxy = proxy;
    }

    public void add(FaultRule rule) {
        send("rules", rule.toJson());
    }

    /** Removes every rule and forgets the requests seen. */
    public void reset() {
        send("reset", "{}");
    }

    /** Requests seen since the last reset, oldest first. */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        try {
            for (JsonNode node : JSON.readTree(send("requests", null)).path("requests")) {
                requests.add(
                        new Request(
                                node.path("atMillis").asLong(),
                                node.path("method").asText(),
                                node.path("target").asText(),
                                node.path("operation").asText(null),
                                node.path("fault").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    private String send(String action, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(proxy.resolve(FaultProxy.CONTROL_PREFIX + action))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json");
        request =
                body == null
                        ? request.GET()
                        : request.POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "fault proxy refused "
                                + action
                                + " ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("fault proxy unreachable at " + proxy, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the fault proxy", e);
        }
    }
}
