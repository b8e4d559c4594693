package dev.parley.usage;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one ledger write adds to one day item: the calls of one caller on one model that day,
 * summed, with the routes they came from. {@code sequence} is the writer's number for this write,
 * assigned once and kept across its retries, which is what makes a retry idempotent
 * ({@link LedgerWriter}).
 */
record LedgerDelta(Item item, UsageTotals totals, Set<String> routes, long sequence) {

    /** The day item a call is added to (a call made with an API key has the key's own item). */
    record Item(String caller, LocalDate day, String model, Optional<String> keyId) {}

    static LedgerDelta of(UsageEvent event, LocalDate day) {
        return new LedgerDelta(
                new Item(event.caller(), day, event.model(), event.keyId()),
                UsageTotals.ofCall(event.usage()),
                Set.of(event.route()),
                0);
    }

    LedgerDelta plus(LedgerDelta other) {
        Set<String> both = new TreeSet<>(routes);
        both.addAll(other.routes);
        return new LedgerDelta(item, totals.plus(other.totals), Set.copyOf(both), sequence);
    }

    LedgerDelta numbered(long number) {
        return new LedgerDelta(item, totals, routes, number);
    }
}
