package dev.parley.usage;

import java.util.Optional;

/**
 * One counter item read back: {@code period} is a day (yyyy-MM-dd) or a month (yyyy-MM);
 * {@code keyId} the API key the calls were made with, if any.
 */
public record LedgerEntry(String period, String model, UsageTotals totals, Optional<String> keyId) {

    public LedgerEntry {
        keyId = keyId == null ? Optional.empty() : keyId;
    }

    public LedgerEntry(String period, String model, UsageTotals totals) {
        this(period, model, totals, Optional.empty());
    }
}
