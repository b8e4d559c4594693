package dev.parley.keys;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The caps a non-admin's keys cannot exceed: the deployment's ({@code
 * parley.keys.self-service.*}), those an admin set for every owner, and those an admin set for the
 * key's owner ({@code PUT /v1/keys/caps}). A key must stay within each of them; admins are not
 * bound by any.
 */
@ApplicationScoped
class KeyCaps {
    /** One set of caps and where it comes from, for the refusal's message. */
    record Source(String name, KeyLimits caps) {}

    private final KeyCapStore store;
    private final KeySettings settings;

    KeyCaps(KeyCapStore store, KeySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Every set of caps that applies to a non-admin's key of {@code owner} (two reads). */
    List<Source> applying(String owner) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("this deployment's self-service caps", deployment()));
        store.read(KeyCapStore.EVERY_OWNER)
                .ifPresent(caps -> sources.add(new Source("the caps set for every owner", caps)));
        store.read(owner)
                .ifPresent(caps -> sources.add(new Source("the caps set for " + owner, caps)));
        return sources;
    }

    /** Refuses {@code limits} if they exceed any of {@code sources}, naming which and how. */
    static void requireWithin(KeyLimits limits, List<Source> sources) {
        for (Source source : sources) {
            Optional<String> reason = limits.widerThan(source.caps());
            if (reason.isPresent()) {
                throw new ParleyException(
                        ErrorCode.FORBIDDEN, "over " + source.name() + ": " + reason.get());
            }
        }
    }

    KeyLimits deployment() {
        KeySettings.Caps caps = settings.selfService();
        return new KeyLimits(
                List.of(),
                caps.maxRpm().isPresent()
                        ? OptionalInt.of(caps.maxRpm().getAsInt())
                        : OptionalInt.empty(),
                caps.maxTpm(),
                caps.maxDailyTokens(),
                Optional.empty(),
                OptionalLong.empty(),
                caps.maxMonthlyUsd());
    }
}
