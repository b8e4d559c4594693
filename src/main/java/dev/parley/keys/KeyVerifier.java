package dev.parley.keys;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns a presented secret into the key it belongs to, or a 401. A key verified on this instance
 * within {@code parley.keys.cache-ttl} costs nothing; any other costs one strongly consistent
 * GetItem, and the hashes are compared here in constant time. {@code lastUsedAt} is stamped after
 * the response, at most about once a minute ({@link LastUse}). A refused secret is remembered for
 * the same time, so repeated failures cost no DynamoDB call at all, and no failure writes. Revocation elsewhere therefore takes effect
 * within the cache TTL on every instance; on the instance that revoked it, at once.
 *
 * <p>The caches hold hashes, never secrets, and nothing here logs a secret.
 */
@ApplicationScoped
public class KeyVerifier {
    private static final Logger LOG = Logger.getLogger(KeyVerifier.class);

    /** Beyond this many remembered refusals the memory starts afresh: a flood cannot grow it without bound. */
    private static final int MAX_REFUSALS = 10_000;

    private static final int MAX_VERIFIED = 10_000;

    private final KeyStore store;
    private final BootstrapKey bootstrap;
    private final LastUse lastUse;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Verified> byHash = new ConcurrentHashMap<>();
    private final Map<String, Verified> byId = new ConcurrentHashMap<>();
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();

    private record Verified(ApiKey key, Instant at) {}

    KeyVerifier(
            KeyStore store,
            BootstrapKey bootstrap,
            LastUse lastUse,
            Clock clock,
            KeySettings settings) {
        this.store = store;
        this.lastUse = lastUse;
        this.bootstrap = bootstrap;
        this.clock = clock;
        if (settings.cacheTtl().compareTo(Duration.ofSeconds(60)) > 0
                || settings.cacheTtl().isNegative()) {
            throw new IllegalStateException(
                    "parley.keys.cache-ttl is the revocation delay and must be between 0 and 60s, not "
                            + settings.cacheTtl());
        }
        this.ttl = settings.cacheTtl();
    }

    /** The key {@code presented} belongs to; a 401 {@code unauthorized} for anything else. */
    public ApiKey verify(String presented) {
        KeySecrets.Parsed parsed = KeySecrets.parse(presented);
        if (parsed instanceof KeySecrets.Parsed.Malformed malformed) {
            throw refusal(malformed.reason());
        }
        String hash = KeySecrets.hash(presented);
        Instant now = clock.instant();
        Verified cached = byHash.get(hash);
        if (cached != null && fresh(cached.at(), now) && !cached.key().expiredAt(now)) {
            ApiKey used = lastUse.used(cached.key(), now);
            if (used != cached.key()) {
                remember(hash, used, cached.at());
            }
            return used;
        }
        Instant refusedAt = refused.get(hash);
        if (refusedAt != null && fresh(refusedAt, now)) {
            throw refusal(null);
        }
        Optional<ApiKey> key =
                parsed instanceof KeySecrets.Parsed.Key k
                        ? store.find(k.id())
                        : bootstrap.matching(hash);
        if (key.isEmpty()
                || !KeySecrets.sameHash(key.get().secretHash(), hash)
                || key.get().expiredAt(now)) {
            if (refused.size() >= MAX_REFUSALS) {
                refused.clear();
            }
            refused.put(hash, now);
            LOG.infof(
                    "API key refused (%s)",
                    parsed instanceof KeySecrets.Parsed.Key k ? "id " + k.id() : "bootstrap shape");
            throw refusal(null);
        }
        ApiKey verified = lastUse.used(key.get(), now);
        remember(hash, verified, now);
        return verified;
    }

    /** The key with {@code id} as this instance last verified it (the pipeline's view of a request's key). */
    public Optional<ApiKey> recent(String id) {
        return Optional.ofNullable(byId.get(id)).map(Verified::key);
    }

    /** Forgets {@code id} on this instance at once (it was revoked or changed here). */
    void forget(String id) {
        Verified gone = byId.remove(id);
        if (gone != null) {
            byHash.remove(gone.key().secretHash());
        }
    }

    /** Keeps {@code key}'s new limits or name if this instance knows it (changed here). */
    void refresh(ApiKey key) {
        Verified known = byId.get(key.id());
        if (known != null) {
            remember(key.secretHash(), key, known.at());
        }
    }

    private void remember(String hash, ApiKey key, Instant at) {
        if (byHash.size() >= MAX_VERIFIED) {
            byHash.clear();
            byId.clear();
        }
        Verified verified = new Verified(key, at);
        byHash.put(hash, verified);
        byId.put(key.id(), verified);
    }

    private boolean fresh(Instant at, Instant now) {
        return Duration.between(at, now).compareTo(ttl) < 0;
    }

    private static ParleyException refusal(String reason) {
        return new ParleyException(
                ErrorCode.UNAUTHORIZED,
                reason != null
                        ? reason + "; send a valid Parley API key"
                        : "the API key is not valid (unknown, revoked or expired)");
    }
}
