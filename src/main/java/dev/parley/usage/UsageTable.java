package dev.parley.usage;

import dev.parley.table.KeyPrefix;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the ledger's counters live in the single table (table/SingleTable names the shared
 * attributes). Their own {@code USAGE#} partition keeps them out of every conversation and
 * document query, and their {@code gsi1pk} ({@code USAGE#MONTH#...}) out of every owner's listing.
 *
 * <pre>
 * pk               sk                          what
 * USAGE#{caller}   DAY#{yyyy-MM-dd}#{model}    calls, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
 *                                              routes (string set), model, period, updatedAt, ttl
 *                                              writer_{id} (per writer: its last write applied, LedgerWriter)
 *                                              gsi1pk = USAGE#MONTH#{yyyy-MM}, gsi1sk = {caller}
 * USAGE#{caller}   DAY#{yyyy-MM-dd}#{model}#KEY#{keyId}    the same for calls made with an API key (keyId
 *                                              attribute too): a key's usage is its owner's
 * </pre>
 *
 * A caller's days in a range are one Query on {@code pk} with {@code sk BETWEEN}; a day's models,
 * one Query with {@code begins_with}; a month is its days' range, summed ({@link UsageLedger#month}).
 * Every owner's items of a month are one partition of the {@code byOwner} index, sorted by owner:
 * {@code GET /v1/usage?by=owner} pages through owners there ({@link OwnerUsage}). Counters only grow, by atomic {@code ADD}. Items {@code MONTH#{yyyy-MM}#{model}} written by
 * earlier versions (two writes per call) are no longer written nor read; their TTL removes them.
 */
final class UsageTable {
    static final String CALLS = "calls";
    static final String INPUT = "inputTokens";
    static final String OUTPUT = "outputTokens";
    static final String CACHE_READ = "cacheReadTokens";
    static final String CACHE_WRITE = "cacheWriteTokens";

    /** The part of the cache writes made with the one-hour TTL (absent on items written before it was kept). */
    static final String CACHE_WRITE_ONE_HOUR = "cacheWrite1hTokens";

    static final String ROUTES = "routes";
    static final String MODEL = "model";
    static final String PERIOD = "period";
    static final String UPDATED_AT = "updatedAt";
    static final String WRITER_PREFIX = "writer_";
    static final String KEY_ID = "keyId";

    static final String DAY_PREFIX = KeyPrefix.USAGE_DAY.text();

    private UsageTable() {}

    static String callerKey(String caller) {
        return KeyPrefix.USAGE.key(caller);
    }

    /** The byOwner index partition of a month's usage items, whoever's. */
    static String monthIndexKey(java.time.YearMonth month) {
        return KeyPrefix.USAGE_MONTH.key(month);
    }

    static String dayKey(LocalDate day, String model, Optional<String> keyId) {
        return dayPrefix(day) + model + keySuffix(keyId);
    }

    private static String keySuffix(Optional<String> keyId) {
        return keyId.map(KeyPrefix.USAGE_KEY_SEGMENT::key).orElse("");
    }

    static String dayPrefix(LocalDate day) {
        return DAY_PREFIX + day + "#";
    }

    /** Sorts after every {@code DAY#{day}#...} key ('$' follows '#'), the upper bound of a range query. */
    static String afterDay(LocalDate day) {
        return DAY_PREFIX + day + "$";
    }
}
