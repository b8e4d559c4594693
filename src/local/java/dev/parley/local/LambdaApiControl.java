package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link LocalLambdaApi} over HTTP: the invocations it accepted, waiting for them, its functions. */
public final class LambdaApiControl {
    private final ControlClient control;

    /** @param endpoint the stand-in's endpoint ({@code http://host:port}) */
    public LambdaApiControl(URI endpoint) {
        this.control = new ControlClient(endpoint);
    }

    /** An invocation the stand-in accepted; {@code completedAtMillis} is 0 until the function has answered. */
    public record Invocation(
            String function,
            String type,
            long acceptedAtMillis,
            long completedAtMillis,
            JsonNode payload) {}

    public List<Invocation> invocations() {
        List<Invocation> list = new ArrayList<>();
        control.call("GET", "invocations", null)
                .path("invocations")
                .forEach(
                        each ->
                                list.add(
                                        new Invocation(
                                                each.path("function").asText(),
                                                each.path("type").asText(),
                                                each.path("acceptedAtMillis").asLong(),
                                                each.path("completedAtMillis").asLong(),
                                                each.path("payload"))));
        return list;
    }

    /** Waits until every asynchronous invocation accepted so far has run; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) {
        return control.call("GET", "idle?timeoutMs=" + timeout.toMillis(), null)
                .path("idle")
                .asBoolean();
    }

    /** Where the stand-in delivers invocations: the runtime's event URL. */
    public void runtime(URI runtime) {
        control.call("POST", "runtime", runtime.toString());
    }

    /** The function {@code name} no longer exists (404 ResourceNotFoundException) until {@link #reset}. */
    public void remove(String name) {
        control.call("POST", "remove/" + name, null);
    }

    /** The next asynchronous event of {@code name} expires in Lambda's queue (EventAgeExceeded) instead of running. */
    public void expireNext(String name) {
        control.call("POST", "expire-next/" + name, null);
    }

    public void reset() {
        control.call("POST", "reset", null);
    }
}
