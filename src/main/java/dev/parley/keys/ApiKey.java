package dev.parley.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored API key. The secret itself is never kept: only its SHA-256 ({@code secretHash}, hex),
 * which is enough for a high-entropy secret (no dictionary to try).
 *
 * @param id the public id, also part of the secret ({@code pk_{id}{random}}), named in logs and the ledger
 * @param owner the caller the key acts as
 * @param prefix the first characters of the secret, so a person can tell their keys apart
 * @param admin whether the key has administrator rights (only an admin can mint one)
 */
public record ApiKey(
        String id,
        String owner,
        String name,
        String prefix,
        String secretHash,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> expiresAt,
        KeyLimits limits,
        boolean admin) {

    /** This key as last used at {@code at}. */
    public ApiKey usedAt(Instant at) {
        return new ApiKey(
                id,
                owner,
                name,
                prefix,
                secretHash,
                createdAt,
                Optional.of(at),
                expiresAt,
                limits,
                admin);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
