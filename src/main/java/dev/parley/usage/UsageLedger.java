package dev.parley.usage;

import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;

import dev.parley.table.PagedQuery;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The usage ledger's reads: per caller, per UTC day and model, how many calls and tokens. The
 * writes are {@link UsageRecorder}'s ({@link PendingUsage}, {@link LedgerWriter}): one idempotent
 * {@code ADD} per call on its day's item, after the response. A month is its days, summed.
 *
 * <p>Reads are bounded by {@code parley.usage.write-timeout} and retried only when throttled: a
 * budget check reads before a model call, on the request's path.
 */
@ApplicationScoped
public class UsageLedger {
    /** One retry, for throttling only: a read on the request's path does not wait out an outage. */
    static final RetryStrategy RETRY_THROTTLED_ONCE =
            StandardRetryStrategy.builder()
                    .maxAttempts(2)
                    .retryOnException(
                            e ->
                                    e instanceof SdkServiceException service
                                            && service.isThrottlingException())
                    .backoffStrategy(
                            BackoffStrategy.exponentialDelay(
                                    Duration.ofMillis(20), Duration.ofMillis(100)))
                    .throttlingBackoffStrategy(
                            BackoffStrategy.exponentialDelay(
                                    Duration.ofMillis(20), Duration.ofMillis(100)))
                    .circuitBreakerEnabled(false)
                    .build();

    private final LedgerClient dynamo;
    private final TableSettings store;
    private final UsageSettings settings;
    private final AwsRequestOverrideConfiguration bounded;
    private final PendingUsage pending;

    UsageLedger(
            LedgerClient dynamo,
            TableSettings store,
            UsageSettings settings,
            PendingUsage pending) {
        this.dynamo = dynamo;
        this.store = store;
        this.settings = settings;
        this.pending = pending;
        this.bounded =
                AwsRequestOverrideConfiguration.builder()
                        .apiCallTimeout(settings.writeTimeout())
                        .addPlugin(
                                config ->
                                        config.overrideConfiguration(
                                                o -> o.retryStrategy(RETRY_THROTTLED_ONCE)))
                        .build();
    }

    /** Whether calls are counted at all ({@code parley.usage.enabled}); budgets need the counts. */
    public boolean counting() {
        return settings.enabled();
    }

    /**
     * The caller's counters for every day from {@code from} to {@code to} (inclusive), by day then
     * model: the table's, plus what this instance counted and has not written yet.
     */
    public List<LedgerEntry> days(String caller, LocalDate from, LocalDate to) {
        List<LedgerEntry> stored =
                query(
                        caller,
                        "#sk BETWEEN :from AND :to",
                        Map.of(
                                ":from", AttributeValue.fromS(UsageTable.dayPrefix(from)),
                                ":to", AttributeValue.fromS(UsageTable.afterDay(to))),
                        "read usage");
        return withUnwritten(stored, pending.unwritten(caller, from, to));
    }

    /** The caller's counters for one day, by model. */
    public List<LedgerEntry> day(String caller, LocalDate day) {
        return days(caller, day, day);
    }

    /** The caller's counters for every day of {@code month} so far, by day then model: one Query. */
    public List<LedgerEntry> daysOf(String caller, YearMonth month) {
        return days(caller, month.atDay(1), month.atEndOfMonth());
    }

    /** The caller's counters for one month, by model: its days summed (one Query). */
    public List<LedgerEntry> month(String caller, YearMonth month) {
        return monthOf(month, daysOf(caller, month));
    }

    /**
     * Day entries of one month summed by model (and API key: a key's calls stay its own entries),
     * in the order they first appear.
     */
    public static List<LedgerEntry> monthOf(YearMonth month, List<LedgerEntry> days) {
        Map<List<Object>, LedgerEntry> byModel = new LinkedHashMap<>();
        days.forEach(
                day ->
                        byModel.merge(
                                List.of(day.model(), day.keyId()),
                                new LedgerEntry(
                                        month.toString(), day.model(), day.totals(), day.keyId()),
                                (a, b) ->
                                        new LedgerEntry(
                                                a.period(),
                                                a.model(),
                                                a.totals().plus(b.totals()),
                                                a.keyId())));
        return List.copyOf(byModel.values());
    }

    private static List<LedgerEntry> withUnwritten(
            List<LedgerEntry> stored, List<LedgerEntry> unwritten) {
        if (unwritten.isEmpty()) {
            return stored;
        }
        Map<String, LedgerEntry> merged = new java.util.TreeMap<>();
        java.util.stream.Stream.concat(stored.stream(), unwritten.stream())
                .forEach(
                        entry ->
                                merged.merge(
                                        entry.period()
                                                + "#"
                                                + entry.model()
                                                + "#"
                                                + entry.keyId().orElse(""),
                                        entry,
                                        (a, b) ->
                                                new LedgerEntry(
                                                        a.period(),
                                                        a.model(),
                                                        a.totals().plus(b.totals()),
                                                        a.keyId())));
        return List.copyOf(merged.values());
    }

    private List<LedgerEntry> query(
            String caller, String skCondition, Map<String, AttributeValue> skValues, String what) {
        Map<String, AttributeValue> values = new HashMap<>(skValues);
        values.put(":pk", AttributeValue.fromS(UsageTable.callerKey(caller)));
        List<LedgerEntry> entries = new ArrayList<>();
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table())
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND " + skCondition)
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(values)
                        // Bounded like the writes: a budget check runs before every model call.
                        .overrideConfiguration(bounded)
                        .build();
        PagedQuery.readAll(dynamo.get(), request, what, item -> entries.add(entry(item)));
        return entries;
    }

    private String table() {
        return settings.tableName().orElse(store.tableName());
    }

    static LedgerEntry entry(Map<String, AttributeValue> item) {
        return new LedgerEntry(
                item.get(UsageTable.PERIOD).s(),
                item.get(UsageTable.MODEL).s(),
                new UsageTotals(
                        num(item, UsageTable.CALLS),
                        num(item, UsageTable.INPUT),
                        num(item, UsageTable.OUTPUT),
                        num(item, UsageTable.CACHE_READ),
                        num(item, UsageTable.CACHE_WRITE),
                        num(item, UsageTable.CACHE_WRITE_ONE_HOUR)),
                Optional.ofNullable(item.get(UsageTable.KEY_ID)).map(AttributeValue::s));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
