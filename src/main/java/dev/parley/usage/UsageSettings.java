package dev.parley.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "parley.usage")
public interface UsageSettings {

    /** Whether model calls are counted in the ledger. */
    @WithDefault("true")
    boolean enabled();

    /** The ledger's table; the store's (parley.store.table-name) when unset, which is what template.yaml deploys. */
    Optional<String> tableName();

    /** How long a day's or month's counters are kept after their last update (DynamoDB TTL). */
    @WithDefault("400d")
    Duration retention();

    /**
     * The most one ledger write may take, retries included. Writes run after the response (see
     * docs/warm-path.md), but they hold the execution environment until they are done; a write
     * that does not make it is kept and tried again at the next flush (it is idempotent).
     */
    @WithDefault("1s")
    Duration writeTimeout();

    /**
     * The most ledger items (caller, day, model) kept in memory waiting for a write while
     * DynamoDB cannot be written; beyond that the oldest are dropped, logged and counted.
     */
    @WithDefault("10000")
    int maxPending();

    /** The longest {@code from..to} range {@code GET /v1/usage} answers, in days. */
    @WithDefault("92")
    int maxQueryDays();

    /**
     * USD per million tokens, by model alias (or guardrail id) and token kind. A model without an
     * entry costs 0 and is listed as unpriced.
     */
    Map<String, Price> prices();

    /**
     * The price of a call on the Priority tier, as a multiple of the model's standard price. AWS's
     * Bedrock pricing page lists Priority at a 75% premium over Standard for the models that offer it.
     */
    @WithDefault("1.75")
    BigDecimal priorityTierMultiplier();

    /** The price of a call on the Flex tier, as a multiple of the standard price (AWS lists a 50% discount). */
    @WithDefault("0.5")
    BigDecimal flexTierMultiplier();

    interface Price {
        @WithDefault("0")
        BigDecimal input();

        @WithDefault("0")
        BigDecimal output();

        @WithDefault("0")
        BigDecimal cacheRead();

        @WithDefault("0")
        BigDecimal cacheWrite();

        /**
         * Cache writes with the one-hour TTL ({@code usage.cacheDetails} ttl {@code 1h}); the
         * {@code cache-write} price when unset. AWS's pricing page lists them apart from
         * five-minute writes for the models that take the one-hour TTL.
         */
        Optional<BigDecimal> cacheWriteOneHour();
    }
}
