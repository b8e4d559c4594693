package dev.parley.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.afterresponse.AfterResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jboss.logging.Logger;

/**
 * Makes this process the stream function ({@code ParleyStreamFunction} in template.yaml, which sets
 * {@value #SWITCH}=true): {@link StreamRuntime} polls the Runtime API instead of Quarkus's
 * amazon-lambda loop. Unset (ParleyFunction, tests, the local run) nothing here runs.
 *
 * <p>Quarkus starts its own loop in every native build (a build step with no switch) and it polls
 * the address in {@code quarkus-internal.aws-lambda.test-api} before {@code AWS_LAMBDA_RUNTIME_API}.
 * {@link #parkQuarkusLoop()}, run from {@code main} before Quarkus starts, points it at a loopback
 * socket that is never accepted from: the connection is queued by the kernel and its
 * {@code invocation/next} waits there forever, one idle thread. A connection refused instead would
 * make Quarkus stop the application. In the JVM packaging Quarkus starts no loop (the managed
 * runtime calls its handler), so parking costs nothing there either.
 */
@ApplicationScoped
public class StreamFunction {
    static final String SWITCH = "PARLEY_STREAM_FUNCTION";
    private static final Logger LOG = Logger.getLogger(StreamFunction.class);

    /** Kept open for the life of the process; Quarkus's loop waits on it. */
    private static ServerSocket parking;

    private volatile boolean running = true;

    static boolean enabled() {
        return "true".equalsIgnoreCase(System.getenv(SWITCH));
    }

    /** Before Quarkus starts: give its loop an address where it waits without ever being answered. */
    static synchronized void parkQuarkusLoop() {
        try {
            parking = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the socket that parks Quarkus's runtime loop", e);
        }
        System.setProperty(
                "quarkus-internal.aws-lambda.test-api", "127.0.0.1:" + parking.getLocalPort());
    }

    void start(
            @Observes StartupEvent event,
            StreamRuntime runtime,
            ObjectMapper mapper,
            AfterResponse afterResponse) {
        if (!enabled()) {
            return;
        }
        afterResponse.ownLoop();
        String address = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (address == null) {
            throw new IllegalStateException(
                    SWITCH + " is set but AWS_LAMBDA_RUNTIME_API is not: not in Lambda?");
        }
        RuntimeApi api = new RuntimeApi(address, mapper);
        Thread loop = new Thread(() -> runtime.run(api, () -> running), "parley-stream-runtime");
        // The main thread keeps the process alive (Quarkus.run waits for shutdown); a daemon loop
        // blocked in invocation/next then does not hold the process open after shutdown.
        loop.setDaemon(true);
        loop.start();
        LOG.infof("stream function: Parley's runtime loop polls %s", address);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }
}
