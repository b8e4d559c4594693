package dev.parley.documents;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the claims of running attempts alive: a claim lasts one lease and is renewed every third
 * of it while its attempt works, never beyond the invocation's deadline (Lambda stops the attempt
 * then). So a long summary keeps its version, and a dead attempt releases it within one lease.
 */
@ApplicationScoped
class ClaimLeases {
    private static final Logger LOG = Logger.getLogger(ClaimLeases.class);

    /** A claim outlives the deadline by this much, for clock skew between Lambda and DynamoDB. */
    static final Duration GRACE = Duration.ofSeconds(10);

    /** Renews one claim until closed. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final DocumentStore store;
    private final Duration lease;
    private volatile ScheduledExecutorService timer;

    ClaimLeases(DocumentStore store, DocumentSettings settings) {
        this.store = store;
        this.lease = settings.claimLease();
    }

    /** When a claim taken or renewed at {@code now} expires. */
    Instant expiry(Instant now, Instant deadline) {
        Instant end = now.plus(lease);
        Instant latest = deadline.plus(GRACE);
        return end.isBefore(latest) ? end : latest;
    }

    Lease hold(DocumentStore.Claim claim, Instant deadline) {
        long period = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal =
                timer().scheduleAtFixedRate(
                                () -> renew(claim, deadline),
                                period,
                                period,
                                TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    private void renew(DocumentStore.Claim claim, Instant deadline) {
        try {
            if (!store.renew(claim, expiry(Instant.now(), deadline))) {
                // Finished meanwhile, or taken over after this attempt stalled: finishing tells
                // which.
                LOG.debugf("the claim on %s is no longer held", claim.ref().uri());
            }
        } catch (RuntimeException e) {
            // The next renewal tries again; if all fail, the claim expires and a retry takes over.
            LOG.warnf("could not renew the claim on %s: %s", claim.ref().uri(), e.getMessage());
        }
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService current = timer;
        if (current == null) {
            synchronized (this) {
                if (timer == null) {
                    timer =
                            Executors.newSingleThreadScheduledExecutor(
                                    task -> {
                                        Thread thread = new Thread(task, "parley-claim-leases");
                                        thread.setDaemon(true);
                                        return thread;
                                    });
                }
                current = timer;
            }
        }
        return current;
    }

    @PreDestroy
    void shutdown() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
