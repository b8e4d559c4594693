package dev.parley.usage;

/** One counter item read back: {@code period} is a day (yyyy-MM-dd) or a month (yyyy-MM). */
public record LedgerEntry(String period, String model, UsageTotals totals) {
}
