package dev.parley.usage;

import dev.parley.afterresponse.Deferred;
import dev.parley.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The usage recorder: {@link #record} only adds the call to an in-memory total per ledger item
 * (caller, UTC day, model), so nothing on the request's path waits for DynamoDB; {@link #flush},
 * run after the response by {@code afterresponse.AfterResponse}, writes each item's total with one
 * idempotent {@link LedgerWriter} write.
 *
 * <p>Nothing is lost to a failed write that can succeed later: a write that failed for a reason
 * worth retrying (throttled, timed out, unreachable) is kept, with its sequence number, and tried
 * again, first, at the next flush; the writes of the same flush behind it wait with it, so no newer
 * write of an item overtakes an older one. What stays lost: writes DynamoDB refused for good (no
 * table, no permission), and kept writes when the process ends before a flush succeeds; both are
 * logged and counted ({@code LedgerWriteFailures}). At most {@code parley.usage.max-pending} items
 * are kept; beyond that the oldest are dropped, logged and counted.
 */
@ApplicationScoped
public class PendingUsage implements UsageRecorder, Deferred {
    private static final Logger LOG = Logger.getLogger(PendingUsage.class);

    private final LedgerWriter writer;
    private final UsageSettings settings;
    private final Metrics metrics;

    /** Calls not yet given to a write, summed per item. Guarded by {@code this}. */
    private final Map<LedgerDelta.Item, LedgerDelta> fresh = new LinkedHashMap<>();

    /** Numbered writes that failed and are retried first, in their order. Guarded by {@code this}. */
    private final List<LedgerDelta> unconfirmed = new ArrayList<>();

    /** One flush at a time: the order of one writer's writes to an item is what keeps them idempotent. */
    private final Object flushing = new Object();

    PendingUsage(LedgerWriter writer, UsageSettings settings, Metrics metrics) {
        this.writer = writer;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void record(UsageEvent event) {
        if (!settings.enabled()) {
            return;
        }
        LedgerDelta delta = LedgerDelta.of(event, event.at().atZone(ZoneOffset.UTC).toLocalDate());
        synchronized (this) {
            fresh.merge(delta.item(), delta, LedgerDelta::plus);
            trim();
        }
    }

    @Override
    public void flush() {
        synchronized (flushing) {
            List<LedgerDelta> batch = take();
            for (int i = 0; i < batch.size(); i++) {
                LedgerDelta delta = batch.get(i);
                LedgerWriter.Outcome outcome = writer.write(delta);
                if (outcome == LedgerWriter.Outcome.RETRY) {
                    keep(batch.subList(i, batch.size()));
                    LOG.warnf(
                            "usage write of %s on %s (%s) failed; %d item(s) kept for the next flush",
                            delta.item().caller(),
                            delta.item().model(),
                            delta.item().day(),
                            batch.size() - i);
                    return;
                }
                if (outcome == LedgerWriter.Outcome.REFUSED) {
                    lost(delta, "DynamoDB refused the write");
                }
            }
        }
    }

    /**
     * This process's calls of {@code caller} from {@code from} to {@code to} not yet confirmed
     * written, by day and model: what a read of the ledger adds so that a budget sees the calls
     * this instance just made (a tool loop's earlier iterations, say).
     */
    synchronized List<LedgerEntry> unwritten(String caller, LocalDate from, LocalDate to) {
        List<LedgerEntry> entries = new ArrayList<>();
        java.util.stream.Stream.concat(unconfirmed.stream(), fresh.values().stream())
                .filter(delta -> delta.item().caller().equals(caller))
                .filter(
                        delta ->
                                !delta.item().day().isBefore(from)
                                        && !delta.item().day().isAfter(to))
                .forEach(
                        delta ->
                                entries.add(
                                        new LedgerEntry(
                                                delta.item().day().toString(),
                                                delta.item().model(),
                                                delta.totals(),
                                                delta.item().keyId())));
        return entries;
    }

    /**
     * Forgets every held item (SnapStart priming's, should its canned writes have failed): they
     * must not reach the real table after the snapshot. Logged when there was anything to forget.
     */
    synchronized void discard(String whose) {
        int held = pending();
        if (held > 0) {
            LOG.warnf("dropped %d usage item(s) not written: %s", held, whose);
        }
        fresh.clear();
        unconfirmed.clear();
    }

    @Override
    public synchronized int pending() {
        return fresh.size() + unconfirmed.size();
    }

    /** The writes due, oldest first: the kept failures, then the fresh totals, numbered now. */
    private synchronized List<LedgerDelta> take() {
        List<LedgerDelta> batch = new ArrayList<>(unconfirmed);
        unconfirmed.clear();
        fresh.values().forEach(delta -> batch.add(delta.numbered(writer.nextSequence())));
        fresh.clear();
        return batch;
    }

    private synchronized void keep(List<LedgerDelta> failed) {
        unconfirmed.addAll(0, failed);
        trim();
    }

    /** Drops the oldest kept items beyond the bound. Caller holds {@code this}. */
    private void trim() {
        while (unconfirmed.size() + fresh.size() > settings.maxPending()) {
            if (!unconfirmed.isEmpty()) {
                lost(
                        unconfirmed.remove(0),
                        "more than parley.usage.max-pending items were waiting");
            } else {
                LedgerDelta.Item oldest = fresh.keySet().iterator().next();
                lost(fresh.remove(oldest), "more than parley.usage.max-pending items were waiting");
            }
        }
    }

    private void lost(LedgerDelta delta, String why) {
        LOG.warnf(
                "usage of %s on %s (%s: %d call(s), %d tokens) was not recorded: %s",
                delta.item().caller(),
                delta.item().model(),
                delta.item().day(),
                delta.totals().calls(),
                delta.totals().tokens(),
                why);
        metrics.ledgerWriteFailure();
    }
}
