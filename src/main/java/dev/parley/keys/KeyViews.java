package dev.parley.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.modelcall.ServiceTier;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The JSON of {@code /v1/keys}: never a secret, except {@link Created#key} once. */
final class KeyViews {
    private KeyViews() {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Limits(
            List<String> models,
            Integer rpm,
            Long tpm,
            Long dailyTokens,
            BigDecimal dailyUsd,
            Long monthlyTokens,
            BigDecimal monthlyUsd,
            String serviceTier) {

        static Limits of(KeyLimits l) {
            return new Limits(
                    l.models().isEmpty() ? null : l.models(),
                    l.rpm().isPresent() ? l.rpm().getAsInt() : null,
                    l.tpm().isPresent() ? l.tpm().getAsLong() : null,
                    l.dailyTokens().isPresent() ? l.dailyTokens().getAsLong() : null,
                    l.dailyUsd().orElse(null),
                    l.monthlyTokens().isPresent() ? l.monthlyTokens().getAsLong() : null,
                    l.monthlyUsd().orElse(null),
                    l.serviceTier().map(ServiceTier::wireName).orElse(null));
        }
    }

    @RegisterForReflection
    record Key(
            String id,
            String name,
            String owner,
            String prefix,
            String createdAt,
            String lastUsedAt,
            String expiresAt,
            Limits limits,
            boolean admin) {

        static Key of(ApiKey k) {
            return new Key(
                    k.id(),
                    k.name(),
                    k.owner(),
                    k.prefix(),
                    k.createdAt().toString(),
                    k.lastUsedAt().map(Instant::toString).orElse(null),
                    k.expiresAt().map(Instant::toString).orElse(null),
                    Limits.of(k.limits()),
                    k.admin());
        }
    }

    /** The answer to a creation: the only time the secret is ever shown. */
    @RegisterForReflection
    record Created(
            String id,
            String key,
            String name,
            String owner,
            String prefix,
            String createdAt,
            String expiresAt,
            Limits limits,
            boolean admin) {}

    @RegisterForReflection
    record Listing(List<Key> keys) {}

    /** This calendar month's usage of the key (UTC), from its owner's ledger. */
    @RegisterForReflection
    record MonthUsage(
            String month,
            long calls,
            long inputTokens,
            long outputTokens,
            long totalTokens,
            BigDecimal estimatedCostUsd) {}

    @RegisterForReflection
    record KeyWithUsage(
            String id,
            String name,
            String owner,
            String prefix,
            String createdAt,
            String lastUsedAt,
            String expiresAt,
            Limits limits,
            boolean admin,
            MonthUsage usage) {

        static KeyWithUsage of(Key k, MonthUsage usage) {
            return new KeyWithUsage(
                    k.id(),
                    k.name(),
                    k.owner(),
                    k.prefix(),
                    k.createdAt(),
                    k.lastUsedAt(),
                    k.expiresAt(),
                    k.limits(),
                    k.admin(),
                    usage);
        }
    }
}
