package dev.parley.keys;

import dev.parley.modelcall.ServiceTier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a key may do beyond its owner's rights: the models it may call (empty: every model of the
 * allow-list), requests and tokens per minute, and token and USD budgets per UTC day and month
 * (applied to the key in addition to its owner's budgets). Every limit is off unless set.
 * {@code serviceTier} is not a limit but the key's default Bedrock service tier: the tier of its
 * calls that name none (a request's own tier wins).
 */
public record KeyLimits(
        List<String> models,
        OptionalInt rpm,
        OptionalLong tpm,
        OptionalLong dailyTokens,
        Optional<BigDecimal> dailyUsd,
        OptionalLong monthlyTokens,
        Optional<BigDecimal> monthlyUsd,
        Optional<ServiceTier> serviceTier) {

    public static final KeyLimits NONE =
            new KeyLimits(
                    List.of(),
                    OptionalInt.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.empty());

    public KeyLimits {
        models = List.copyOf(models);
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
    }

    public KeyLimits(
            List<String> models,
            OptionalInt rpm,
            OptionalLong tpm,
            OptionalLong dailyTokens,
            Optional<BigDecimal> dailyUsd,
            OptionalLong monthlyTokens,
            Optional<BigDecimal> monthlyUsd) {
        this(models, rpm, tpm, dailyTokens, dailyUsd, monthlyTokens, monthlyUsd, Optional.empty());
    }

    public boolean allowsModel(String alias) {
        return models.isEmpty() || models.contains(alias);
    }

    public boolean rateLimited() {
        return rpm.isPresent() || tpm.isPresent();
    }

    public boolean budgeted() {
        return dailyTokens.isPresent()
                || dailyUsd.isPresent()
                || monthlyTokens.isPresent()
                || monthlyUsd.isPresent();
    }

    /**
     * The first way in which these limits are wider than {@code outer} (a model outside its list,
     * a limit missing or higher), or empty when they are no wider: what a key may not mint.
     */
    public Optional<String> widerThan(KeyLimits outer) {
        if (!outer.models.isEmpty()) {
            if (models.isEmpty()) {
                return Optional.of(
                        "models: the key may use only "
                                + outer.models
                                + ", so the new key must name models");
            }
            for (String model : models) {
                if (!outer.models.contains(model)) {
                    return Optional.of(
                            "models: '"
                                    + model
                                    + "' is not among the key's own models "
                                    + outer.models);
                }
            }
        }
        return wider(
                        "rpm",
                        rpm.isPresent() ? OptionalLong.of(rpm.getAsInt()) : OptionalLong.empty(),
                        outer.rpm.isPresent()
                                ? OptionalLong.of(outer.rpm.getAsInt())
                                : OptionalLong.empty())
                .or(() -> wider("tpm", tpm, outer.tpm))
                .or(() -> wider("dailyTokens", dailyTokens, outer.dailyTokens))
                .or(() -> wider("dailyUsd", dailyUsd, outer.dailyUsd))
                .or(() -> wider("monthlyTokens", monthlyTokens, outer.monthlyTokens))
                .or(() -> wider("monthlyUsd", monthlyUsd, outer.monthlyUsd));
    }

    private static Optional<String> wider(String name, OptionalLong inner, OptionalLong outer) {
        if (outer.isEmpty()) {
            return Optional.empty();
        }
        if (inner.isEmpty() || inner.getAsLong() > outer.getAsLong()) {
            return Optional.of(name + " must be set and at most " + outer.getAsLong());
        }
        return Optional.empty();
    }

    private static Optional<String> wider(
            String name, Optional<BigDecimal> inner, Optional<BigDecimal> outer) {
        if (outer.isEmpty()) {
            return Optional.empty();
        }
        if (inner.isEmpty() || inner.get().compareTo(outer.get()) > 0) {
            return Optional.of(name + " must be set and at most " + outer.get().toPlainString());
        }
        return Optional.empty();
    }
}
