package dev.parley.priming;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * Lambda's runtime hooks (CRaC): {@code beforeCheckpoint} runs once, before the SnapStart snapshot
 * is taken, and primes the function; {@code afterRestore} runs in every restored copy. On an
 * on-demand start neither runs, so priming never costs a cold start without SnapStart.
 */
@ApplicationScoped
public class SnapStartHooks implements Resource {
    private static final Logger LOG = Logger.getLogger(SnapStartHooks.class);

    private final Primer primer;
    private final PrimingSettings settings;

    SnapStartHooks(Primer primer, PrimingSettings settings) {
        this.primer = primer;
        this.settings = settings;
    }

    void register(@Observes StartupEvent started) {
        if (settings.enabled()) {
            // org.crac holds resources weakly: this application-scoped instance lives as long as
            // the app.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        Primer.Report report = primer.prime();
        LOG.infof(
                "primed before the snapshot in %d ms: %s",
                (System.nanoTime() - start) / 1_000_000, report);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        primer.restored();
    }
}
