package dev.parley.keys;

import dev.parley.table.KeyPrefix;
import java.time.Instant;

/**
 * Where keys and their rate counters live in the single table (table/SingleTable names the
 * shared attributes):
 *
 * <pre>
 * pk               sk                 what
 * APIKEY#{id}      KEY                owner, name, prefix, secretHash, createdAt, lastUsedAt, expiresAt,
 *                                     models, rpm, tpm, dailyTokens, dailyUsd, monthlyTokens, monthlyUsd, admin,
 *                                     gsi1pk = APIKEYS#{owner}, gsi1sk = {createdAt}#{id}
 * APIKEY#{id}      RATE#{epochMinute} requests, tokens, ttl (two minutes on)
 * </pre>
 *
 * Verifying a key is one strongly consistent GetItem on its own item (found by the id inside the
 * secret); {@code lastUsedAt} is stamped after the response, at most once a minute; an owner's
 * keys are one Query on the {@code byOwner} index.
 */
final class KeyTable {
    static final String KEY_SK = KeyPrefix.KEY_RECORD.text();
    static final String OWNER = "owner";
    static final String NAME = "name";
    static final String PREFIX = "prefix";
    static final String HASH = "secretHash";
    static final String CREATED_AT = "createdAt";
    static final String LAST_USED_AT = "lastUsedAt";
    static final String EXPIRES_AT = "expiresAtEpoch";
    static final String MODELS = "models";
    static final String RPM = "rpm";
    static final String TPM = "tpm";
    static final String DAILY_TOKENS = "dailyTokens";
    static final String DAILY_USD = "dailyUsd";
    static final String MONTHLY_TOKENS = "monthlyTokens";
    static final String MONTHLY_USD = "monthlyUsd";

    /** The key's default Bedrock service tier (priority, default, flex). */
    static final String SERVICE_TIER = "serviceTier";

    static final String ADMIN = "admin";
    static final String REQUESTS = "requests";
    static final String TOKENS = "tokens";

    private KeyTable() {}

    static String keyPk(String id) {
        return KeyPrefix.API_KEY.key(id);
    }

    static String ownerIndexKey(String owner) {
        return KeyPrefix.KEY_OWNER.key(owner);
    }

    static String ownerIndexSort(Instant createdAt, String id) {
        return createdAt + "#" + id;
    }

    /**
     * {@code lastUsedAt} as stored: whole seconds, so every stamp has the same length and stamps
     * compare as text in a condition ({@code Instant.toString} drops a zero fraction).
     */
    static String stamp(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String rateSk(long epochMinute) {
        return KeyPrefix.RATE_MINUTE.key(epochMinute);
    }
}
