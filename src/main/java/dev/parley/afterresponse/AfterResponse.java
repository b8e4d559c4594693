package dev.parley.afterresponse;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the work a response does not wait for (the usage ledger's writes, response-cache stores)
 * after the response is delivered and before Lambda may freeze the execution environment, in
 * every packaging (docs/warm-path.md):
 *
 * <ul>
 * <li>{@link Mode#EXTENSION}: under Quarkus's poll loop (native) and AWS's runtime interface
 * client (JVM, SnapStart) the loop is not Parley's, so an internal Lambda extension
 * ({@link LambdaExtension}) drains once the handler returned; Lambda freezes the environment only
 * after the runtime and every extension asked for their next event;</li>
 * <li>{@link Mode#OWN_LOOP}: the stream function's own loop drains between posting the response
 * and asking for the next invocation;</li>
 * <li>{@link Mode#INLINE}: outside Lambda (tests, the local run) the handler drains as it returns.</li>
 * </ul>
 * The last drain runs at shutdown.
 */
@ApplicationScoped
public class AfterResponse {
    private static final Logger LOG = Logger.getLogger(AfterResponse.class);

    public enum Mode {
        INLINE,
        EXTENSION,
        OWN_LOOP
    }

    private final List<Deferred> deferred;
    private final Duration startDelay;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Mode mode = Mode.INLINE;
    private volatile LambdaExtension extension;

    /**
     * @param startDelay how long the extension lets the runtime post the response before it
     *     drains. The handler's return is the only signal Parley gets: neither AWS's runtime
     *     interface client nor Quarkus's loop has a hook after the post, which takes them a
     *     fraction of a millisecond (serializing the answer, one local HTTP request). A drain
     *     started at once competes with that post for the environment's CPU share (about 0.6 of a
     *     vCPU at 1,024 MB), and the caller waits for the post (docs/warm-path.md). Billed as
     *     function duration; never waited for by the caller.
     */
    AfterResponse(
            Instance<Deferred> deferred,
            @ConfigProperty(name = "parley.after-response.start-delay", defaultValue = "1ms")
                    Duration startDelay) {
        this.deferred = deferred.stream().toList();
        this.startDelay = startDelay;
    }

    void start(@Observes StartupEvent started) {
        // Native: ParleyMain registered it before Quarkus's loop started. JVM: this is still the
        // init phase (the runtime client builds the handler before its first invocation/next).
        LambdaExtension.registerIfWanted(this::drainOnceResponsePosted)
                .ifPresent(
                        registered -> {
                            extension = registered;
                            mode = Mode.EXTENSION;
                        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        drain();
        int left = pending();
        if (left > 0) {
            LOG.warnf("shutting down with %d item(s) of post-response work not done", left);
        }
    }

    /** The stream function's loop drains itself ({@code streaming.StreamRuntime}). */
    public void ownLoop() {
        mode = Mode.OWN_LOOP;
    }

    public Mode mode() {
        return mode;
    }

    /** Work to run after the response (a cache store, say); it must not throw. */
    public void later(Runnable task) {
        tasks.add(task);
    }

    /** The handler began invocation {@code requestId}. */
    public void started(String requestId) {
        if (mode == Mode.EXTENSION) {
            extension.started(requestId);
        }
    }

    /** The handler returned from invocation {@code requestId}: its response is on its way. */
    public void handled(String requestId) {
        switch (mode) {
            case EXTENSION -> extension.handled(requestId);
            case INLINE -> drain();
            case OWN_LOOP -> {
                // drained by the loop once the response is sent
            }
        }
    }

    /** The extension's drain: after {@code startDelay}, the time the runtime takes to post. */
    private void drainOnceResponsePosted() {
        if (!startDelay.isZero() && pending() > 0) {
            LockSupport.parkNanos(startDelay.toNanos());
        }
        drain();
    }

    /** Does every held piece of work now, on this thread. Never throws. */
    public void drain() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "post-response work failed");
            }
        }
        for (Deferred holder : deferred) {
            try {
                holder.flush();
            } catch (RuntimeException e) {
                LOG.warnf(e, "post-response flush of %s failed", holder.getClass().getSimpleName());
            }
        }
    }

    /** Work held now, tasks and deferred items. */
    public int pending() {
        return tasks.size() + deferred.stream().mapToInt(Deferred::pending).sum();
    }
}
