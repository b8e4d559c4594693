package dev.parley.keys;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.identity.Caller;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may mint or change which key. A key never mints a wider key than itself (models, limits,
 * expiry, admin right); a non-admin stays within the caps ({@link KeyCaps}) and can only narrow an
 * existing key; only an admin mints admin keys or acts for another owner.
 */
final class KeyRights {
    private KeyRights() {}

    /** The owner a request acts for: itself, or (admins only) {@code ?owner=}. */
    static String owner(Caller caller, Optional<String> requested) {
        if (requested.isEmpty() || requested.get().equals(caller.id())) {
            return caller.id();
        }
        if (!caller.admin()) {
            throw new ParleyException(
                    ErrorCode.FORBIDDEN, "only an admin may manage another owner's keys (owner)");
        }
        String owner = requested.get();
        if (owner.isBlank()
                || owner.length() > 1024
                || owner.chars().anyMatch(Character::isISOControl)) {
            throw ParleyException.validation("owner must be a caller id");
        }
        return owner;
    }

    /** Refuses a new key (or a changed one) wider than what {@code caller} may grant. */
    static void requireGrantable(
            Caller caller,
            Optional<ApiKey> callersKey,
            KeyLimits limits,
            Optional<Instant> expiresAt,
            boolean admin,
            java.util.List<KeyCaps.Source> caps) {
        if (admin && !caller.admin()) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "only an admin may create an admin key");
        }
        if (callersKey.isPresent()) {
            ApiKey own = callersKey.get();
            limits.widerThan(own.limits())
                    .ifPresent(
                            reason -> {
                                throw new ParleyException(
                                        ErrorCode.FORBIDDEN,
                                        "a key may not grant more than it has: " + reason);
                            });
            if (own.expiresAt().isPresent()
                    && (expiresAt.isEmpty() || expiresAt.get().isAfter(own.expiresAt().get()))) {
                throw new ParleyException(
                        ErrorCode.FORBIDDEN,
                        "a key may not grant more than it has: expiresAt must be"
                                + " set and no later than "
                                + own.expiresAt().get());
            }
        }
        if (!caller.admin()) {
            KeyCaps.requireWithin(limits, caps);
        }
    }

    /** A non-admin may only narrow a key it owns (an admin may have set its limits). */
    static void requireNarrowing(
            Caller caller, ApiKey current, KeyLimits changed, Optional<Instant> expiresAt) {
        if (caller.admin()) {
            return;
        }
        changed.widerThan(current.limits())
                .ifPresent(
                        reason -> {
                            throw new ParleyException(
                                    ErrorCode.FORBIDDEN,
                                    "only an admin may widen a key's limits: " + reason);
                        });
        if (current.expiresAt().isPresent()
                && (expiresAt.isEmpty() || expiresAt.get().isAfter(current.expiresAt().get()))) {
            throw new ParleyException(
                    ErrorCode.FORBIDDEN, "only an admin may extend a key's expiry");
        }
    }
}
