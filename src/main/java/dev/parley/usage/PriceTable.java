package dev.parley.usage;

import dev.parley.modelcall.ServiceTier;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Tokens to estimated USD, from the configured prices (parley.usage.prices.*; USD per million tokens;
 * one-hour cache writes at their own {@code cache-write-one-hour} price),
 * times the tier's multiple for calls on the Priority or Flex tier (see {@link TierLabels}).
 */
@ApplicationScoped
public class PriceTable {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final UsageSettings settings;

    PriceTable(UsageSettings settings) {
        this.settings = settings;
    }

    public boolean isPriced(String model) {
        return price(model).isPresent();
    }

    /** The estimated cost of {@code totals} on {@code model}, in USD (0 for a model without a price). */
    public BigDecimal cost(String model, UsageTotals totals) {
        Optional<UsageSettings.Price> price = price(model);
        if (price.isEmpty()) {
            return BigDecimal.ZERO;
        }
        UsageSettings.Price p = price.get();
        BigDecimal perMillion =
                p.input()
                        .multiply(BigDecimal.valueOf(totals.inputTokens()))
                        .add(p.output().multiply(BigDecimal.valueOf(totals.outputTokens())))
                        .add(p.cacheRead().multiply(BigDecimal.valueOf(totals.cacheReadTokens())))
                        .add(
                                p.cacheWrite()
                                        .multiply(
                                                BigDecimal.valueOf(
                                                        totals.cacheWriteTokens()
                                                                - totals
                                                                        .cacheWriteOneHourTokens())))
                        .add(
                                p.cacheWriteOneHour()
                                        .orElse(p.cacheWrite())
                                        .multiply(
                                                BigDecimal.valueOf(
                                                        totals.cacheWriteOneHourTokens())));
        return perMillion
                .multiply(multiplier(TierLabels.tier(model)))
                .divide(MILLION, 9, RoundingMode.HALF_UP);
    }

    /** A ledger label's price: by the alias, or for a prompt router's call by the model that answered. */
    private Optional<UsageSettings.Price> price(String label) {
        return TierLabels.priceAliases(label).stream()
                .map(alias -> settings.prices().get(alias))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** A tier's price as a multiple of the standard one (the same multiple for every token kind). */
    private BigDecimal multiplier(ServiceTier tier) {
        return switch (tier) {
            case PRIORITY -> settings.priorityTierMultiplier();
            case FLEX -> settings.flexTierMultiplier();
            case DEFAULT -> BigDecimal.ONE;
        };
    }
}
