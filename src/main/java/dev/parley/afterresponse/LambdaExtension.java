package dev.parley.afterresponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * An internal Lambda extension (a thread of the runtime process speaking the Extensions API,
 * 2020-01-01) whose only job is to keep the execution environment from being frozen until the
 * post-response work of each invocation is done. Lambda completes an invocation, and may freeze
 * the environment, only when the runtime and every registered extension have asked for their next
 * event ("Using the Lambda Extensions API"); the caller already has the response, posted by the
 * runtime. So for each {@code INVOKE} event the thread waits for the handler to return (or to
 * never start), runs the drain, and only then asks for the next event.
 *
 * <p>One per process, held statically on purpose: an internal extension must register during the
 * init phase, before the runtime's first {@code invocation/next}, and in the native build Quarkus's
 * poll loop starts before CDI beans are usable, so {@code streaming.ParleyMain} registers it from
 * {@code main}, and {@link AfterResponse} finds it at start-up.
 */
public final class LambdaExtension {
    private static final Logger LOG = Logger.getLogger(LambdaExtension.class);
    static final String NAME = "parley-after-response";
    private static final String BASE = "/2020-01-01/extension/";

    /** How long a handler has to start after Lambda handed its event out (it takes microseconds). */
    private static final long START_GRACE_MS = 2_000;

    private static final int REMEMBERED = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Object DECIDING = new Object();
    private static boolean decided;
    private static LambdaExtension current;

    private final String address;
    private final String identifier;
    private final Object lock = new Object();
    private final Set<String> startedIds = new LinkedHashSet<>();
    private final Set<String> handledIds = new LinkedHashSet<>();
    private volatile Runnable drain = () -> {};

    private LambdaExtension(String address, String identifier) {
        this.address = address;
        this.identifier = identifier;
    }

    /**
     * Registers an extension with the Runtime API at {@code address} (host:port) and starts its
     * thread, which runs {@code drainer} after each invocation's handler returned.
     */
    static LambdaExtension start(String address, Runnable drainer) throws IOException {
        LambdaExtension extension = new LambdaExtension(address, register(address));
        extension.drain = drainer;
        Thread thread = new Thread(extension::loop, "parley-after-response");
        thread.setDaemon(true);
        thread.start();
        return extension;
    }

    /**
     * Called from {@code main} before Quarkus starts: registers the extension when this process is
     * on Lambda ({@code AWS_LAMBDA_RUNTIME_API} set) and its loop is not Parley's own. No-op
     * afterwards.
     */
    public static void decide(boolean ownLoop) {
        synchronized (DECIDING) {
            if (decided) {
                return;
            }
            decided = true;
            String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
            if (ownLoop || runtimeApi == null || runtimeApi.isBlank()) {
                return;
            }
            try {
                current = start(runtimeApi, () -> {});
            } catch (IOException | RuntimeException e) {
                // Post-response work then runs as the handler returns: slower, never lost.
                LOG.warnf(
                        "the post-response extension could not register (%s); usage is written before each response",
                        e.toString());
            }
        }
    }

    /** At start-up: the process's extension, registered now if {@code main} did not decide (the JVM runtime never calls it). */
    static java.util.Optional<LambdaExtension> registerIfWanted(Runnable drainer) {
        decide(false);
        synchronized (DECIDING) {
            if (current != null) {
                current.drain = drainer;
            }
            return java.util.Optional.ofNullable(current);
        }
    }

    void started(String requestId) {
        synchronized (lock) {
            remember(startedIds, requestId);
            lock.notifyAll();
        }
    }

    void handled(String requestId) {
        synchronized (lock) {
            remember(handledIds, requestId);
            lock.notifyAll();
        }
    }

    private void loop() {
        while (true) {
            JsonNode event;
            try {
                event = next();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("extension event/next failed: %s", e.toString());
                pause();
                continue;
            }
            if ("SHUTDOWN".equals(event.path("eventType").asText())) {
                drain.run();
                return;
            }
            String requestId = event.path("requestId").asText("");
            awaitHandler(requestId, event.path("deadlineMs").asLong(0));
            drain.run();
        }
    }

    /** Until the handler returned from {@code requestId}, it did not start in time, or the deadline passed. */
    private void awaitHandler(String requestId, long deadlineMs) {
        long graceEnd = System.currentTimeMillis() + START_GRACE_MS;
        synchronized (lock) {
            try {
                while (!handledIds.contains(requestId)) {
                    long now = System.currentTimeMillis();
                    long until =
                            startedIds.contains(requestId)
                                    ? (deadlineMs > 0 ? deadlineMs : now + 1_000)
                                    : graceEnd;
                    if (now >= until) {
                        return;
                    }
                    lock.wait(until - now);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void remember(Set<String> ids, String id) {
        ids.add(id);
        if (ids.size() > REMEMBERED) {
            ids.remove(ids.iterator().next());
        }
    }

    private static String register(String runtimeApi) throws IOException {
        HttpURLConnection connection = open(runtimeApi, "register");
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        // Internal extensions can only subscribe to INVOKE; SHUTDOWN is for external ones.
        byte[] body = "{\"events\":[\"INVOKE\"]}".getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Lambda-Extension-Name", NAME);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        drainBody(connection, status);
        String id = connection.getHeaderField("Lambda-Extension-Identifier");
        if (status != 200 || id == null) {
            throw new IOException("extension/register answered " + status);
        }
        return id;
    }

    private JsonNode next() throws IOException {
        HttpURLConnection connection = open(address, "event/next");
        connection.setRequestProperty("Lambda-Extension-Identifier", identifier);
        connection.setReadTimeout(0);
        int status = connection.getResponseCode();
        if (status != 200) {
            drainBody(connection, status);
            throw new IOException("extension event/next answered " + status);
        }
        try (InputStream in = connection.getInputStream()) {
            return JSON.readTree(in);
        }
    }

    private static HttpURLConnection open(String runtimeApi, String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection)
                        URI.create("http://" + runtimeApi + BASE + path).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        return connection;
    }

    private static void drainBody(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in =
                status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
