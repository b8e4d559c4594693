package dev.parley.budgets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spending limits per caller (UTC day and calendar month), off unless a limit is set. The limits
 * directly under {@code parley.budgets} apply to every caller; {@code parley.budgets.callers."{id}".*}
 * overrides them key by key for one identity. A negative value means "no limit" (to exempt one caller).
 */
@ConfigMapping(prefix = "parley.budgets")
public interface BudgetSettings {

    @WithParentName
    Limits defaults();

    Map<String, Limits> callers();

    interface Limits {
        /** Tokens (input + output + cache read + cache write) per UTC day. */
        OptionalLong dailyTokens();

        /** Estimated USD (parley.usage.prices) per UTC day. */
        Optional<BigDecimal> dailyUsd();

        /** Tokens per calendar month (UTC). */
        OptionalLong monthlyTokens();

        /** Estimated USD per calendar month (UTC). */
        Optional<BigDecimal> monthlyUsd();
    }
}
