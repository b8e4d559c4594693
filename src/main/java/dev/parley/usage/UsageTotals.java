package dev.parley.usage;

import dev.parley.modelcall.Usage;

/**
 * Counters of one caller, period and model: how many calls, and their tokens by kind.
 * {@code cacheWriteOneHourTokens} is the part of {@code cacheWriteTokens} written with the
 * one-hour TTL (priced apart, see {@link PriceTable}).
 */
public record UsageTotals(
        long calls,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long cacheWriteOneHourTokens) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0);

    public UsageTotals(
            long calls,
            long inputTokens,
            long outputTokens,
            long cacheReadTokens,
            long cacheWriteTokens) {
        this(calls, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, 0);
    }

    public static UsageTotals ofCall(Usage usage) {
        return new UsageTotals(
                1,
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadInputTokens(),
                usage.cacheWriteInputTokens(),
                usage.cacheWriteOneHourInputTokens());
    }

    /** Every token the calls processed: what token budgets count. */
    public long tokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                calls + other.calls,
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                cacheWriteOneHourTokens + other.cacheWriteOneHourTokens);
    }
}
