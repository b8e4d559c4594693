package dev.parley.lifecycle;

import dev.parley.afterresponse.AfterResponse;
import dev.parley.modelcall.AccountReports;
import dev.parley.modelcall.ModelLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The lifecycle each catalog model answers with: the matrix's dates combined with the account's
 * last report ({@link LifecycleFacts#merge}). The report is read from the table after the response
 * of an instance's first request, and again after the first response past {@code reload-after} (one
 * GetItem per instance per hour by default), so every instance follows a refresh within that time
 * and no request waits for the read (docs/warm-path.md: the first request answers from the matrix's
 * dates alone). The combined lifecycles are cached per report, so the request path only looks up a
 * map.
 */
@ApplicationScoped
public class AccountLifecycles {
    private static final Logger LOG = Logger.getLogger(AccountLifecycles.class);

    private record Snapshot(
            AccountReports reports, long loadedAtMillis, Map<String, LifecycleFacts> merged) {
        Snapshot(AccountReports reports, long loadedAtMillis) {
            this(reports, loadedAtMillis, new ConcurrentHashMap<>());
        }
    }

    private final AccountReportStore store;
    private final AccountReportSettings settings;
    private final Clock clock;
    private final Event<StaleAccountReport> stale;
    private final AfterResponse afterResponse;
    private final AtomicBoolean refreshAsked = new AtomicBoolean();
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile Snapshot snapshot;

    /** Set while SnapStart priming runs requests: nothing may read the table before the snapshot. */
    private volatile boolean offline;

    AccountLifecycles(
            AccountReportStore store,
            AccountReportSettings settings,
            Clock clock,
            Event<StaleAccountReport> stale,
            AfterResponse afterResponse) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.stale = stale;
        this.afterResponse = afterResponse;
    }

    /** {@code modelId}'s lifecycle as Parley applies it, with the source of each date. */
    public LifecycleFacts facts(String modelId, ModelLifecycle matrix) {
        if (!settings.enabled() || offline) {
            return LifecycleFacts.handKept(matrix);
        }
        Snapshot current = current();
        if (current == null) {
            return LifecycleFacts.handKept(matrix); // the report is read after this response
        }
        return current.merged()
                .computeIfAbsent(
                        modelId, id -> LifecycleFacts.merge(matrix, current.reports().of(id)));
    }

    /** While {@code true}, the matrix's dates alone, and no read of the table (priming before a snapshot). */
    public void offline(boolean offline) {
        this.offline = offline;
    }

    /** The report now in use (none before the first refresh). */
    public AccountReports reports() {
        Snapshot current = settings.enabled() ? current() : null;
        return current == null ? AccountReports.NONE : current.reports();
    }

    /** A refresh's new reports, in use on this instance at once (other instances read them within reload-after). */
    public void update(AccountReports reports) {
        snapshot = new Snapshot(reports, clock.millis());
        refreshAsked.set(false);
    }

    /**
     * The report in use (null before the first read), asking for a read after the response when
     * there is none yet or it is older than reload-after: the request never waits for DynamoDB.
     */
    private Snapshot current() {
        Snapshot current = snapshot;
        long now = clock.millis();
        // A clock that went back (tests move it) also reloads.
        if ((current == null
                        || now - current.loadedAtMillis() >= settings.reloadAfter().toMillis()
                        || now < current.loadedAtMillis())
                && !offline
                && readQueued.compareAndSet(false, true)) {
            afterResponse.later(this::readAfterResponse);
        }
        return current;
    }

    private void readAfterResponse() {
        try {
            reload(snapshot, clock.millis());
        } finally {
            readQueued.set(false);
        }
    }

    private synchronized Snapshot reload(Snapshot previous, long now) {
        if (snapshot != previous) {
            return snapshot;
        }
        AccountReports reports;
        try {
            reports = store.load().orElse(AccountReports.NONE);
        } catch (SdkException e) {
            // Not the caller's problem: the matrix's dates (or the last report read) still apply.
            LOG.warnf(
                    "could not read the catalog's account report (%s); lifecycle answers use what this instance"
                            + " had (the feature matrix's dates at least)",
                    e.getMessage());
            reports = previous == null ? AccountReports.NONE : previous.reports();
        }
        snapshot = new Snapshot(reports, now);
        if (now - reports.checkedAt().toEpochMilli() >= settings.staleAfter().toMillis()
                && refreshAsked.compareAndSet(false, true)) {
            stale.fire(new StaleAccountReport(reports));
        }
        return snapshot;
    }
}
