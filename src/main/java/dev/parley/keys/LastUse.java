package dev.parley.keys;

import dev.parley.afterresponse.AfterResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps a key's {@code lastUsedAt} true to about a minute without costing a client anything: the
 * stamp is a conditional UpdateItem made after the response, only when the last stamp this
 * instance knows of is a minute old, and DynamoDB's condition drops it when another instance
 * stamped the key within the minute. So a key is stamped at most about once a minute, however
 * many instances use it.
 */
@ApplicationScoped
class LastUse {
    private static final Logger LOG = Logger.getLogger(LastUse.class);
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(1);

    private final KeyStore store;
    private final AfterResponse afterResponse;

    LastUse(KeyStore store, AfterResponse afterResponse) {
        this.store = store;
        this.afterResponse = afterResponse;
    }

    /**
     * {@code key} as this use leaves it: stamped now (after the response) if its last stamp is a
     * minute old, otherwise unchanged. The bootstrap key has no item to stamp.
     */
    ApiKey used(ApiKey key, Instant now) {
        if (BootstrapKey.ID.equals(key.id())
                || key.lastUsedAt().filter(at -> at.plus(AT_MOST_EVERY).isAfter(now)).isPresent()) {
            return key;
        }
        String id = key.id();
        afterResponse.later(
                () -> {
                    try {
                        store.stampUsed(id, now, AT_MOST_EVERY);
                    } catch (RuntimeException e) {
                        // lastUsedAt is information, not a guard: a failed stamp waits for the next
                        // use.
                        LOG.warnf(
                                "could not stamp the last use of API key %s: %s",
                                id, e.getMessage());
                    }
                });
        return key.usedAt(now);
    }
}
