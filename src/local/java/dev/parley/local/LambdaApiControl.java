package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link LocalLambdaApi} over HTTP: the invocations it accepted, waiting for them, its functions. */
public final class LambdaApiControl {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param endpoint the stand-in's endpoint ({@code http://host:port}) */
    public LambdaApiControl(URI endpoint) {
        this.base = endpoint.resolve("/_control/");
    }

    /** An invocation the stand-in accepted; {@code completedAtMillis} is 0 until the function has answered. */
    public record Invocation(String function, String type, long acceptedAtMillis, long completedAtMillis,
            JsonNode payload) {
    }

    public List<Invocation> invocations() {
        List<Invocation> list = new ArrayList<>();
        call("GET", "invocations", null).path("invocations").forEach(each -> list.add(new Invocation(
                each.path("function").asText(), each.path("type").asText(), each.path("acceptedAtMillis").asLong(),
                each.path("completedAtMillis").asLong(), each.path("payload"))));
        return list;
    }

    /** Waits until every asynchronous invocation accepted so far has run; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) {
        return call("GET", "idle?timeoutMs=" + timeout.toMillis(), null).path("idle").asBoolean();
    }

    /** Where the stand-in delivers invocations: the runtime's event URL. */
    public void runtime(URI runtime) {
        call("POST", "runtime", runtime.toString());
    }

    /** The function {@code name} no longer exists (404 ResourceNotFoundException) until {@link #reset}. */
    public void remove(String name) {
        call("POST", "remove/" + name, null);
    }

    /** The next asynchronous event of {@code name} expires in Lambda's queue (EventAgeExceeded) instead of running. */
    public void expireNext(String name) {
        call("POST", "expire-next/" + name, null);
    }

    public void reset() {
        call("POST", "reset", null);
    }

    private JsonNode call(String method, String path, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofMinutes(2))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
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
