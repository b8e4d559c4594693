package dev.parley.usage;

import static dev.parley.store.ConversationTable.PK;
import static dev.parley.store.ConversationTable.SK;
import static dev.parley.store.ConversationTable.TTL;

import dev.parley.bedrock.Usage;
import dev.parley.metrics.Metrics;
import dev.parley.store.StoreErrors;
import dev.parley.store.StoreSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The usage ledger: per caller, per day and per month, per model, how many calls and tokens.
 * Every model call adds to exactly two items (its day's and its month's) with one atomic
 * {@code UpdateItem ... ADD} each, so concurrent calls never lose a count and no call reads
 * before it writes.
 *
 * <p>A ledger write never fails or repeats the caller's request: {@link #record} swallows and
 * logs every failure, and a write is retried only when DynamoDB throttled it (a throttled write
 * was not applied, so the retry cannot count twice), once, within {@code parley.usage.write-timeout}.
 * A write that times out is not retried at all: it may have been applied.
 */
@ApplicationScoped
public class UsageLedger {
    private static final Logger LOG = Logger.getLogger(UsageLedger.class);

    /** One retry, for throttling only: the one failure DynamoDB guarantees did not apply the ADD. */
    static final RetryStrategy RETRY_THROTTLED_ONCE = StandardRetryStrategy.builder()
            .maxAttempts(2)
            .retryOnException(e -> e instanceof SdkServiceException service && service.isThrottlingException())
            .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(20), Duration.ofMillis(100)))
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(20), Duration.ofMillis(100)))
            .circuitBreakerEnabled(false)
            .build();

    private static final String ADD_EXPRESSION = "ADD #calls :one, #in :in, #out :out, #cr :cr, #cw :cw, #routes :route"
            + " SET #model = :model, #period = :period, #updatedAt = :now, #ttl = :ttl";
    private static final Map<String, String> NAMES = Map.of("#calls", UsageTable.CALLS, "#in", UsageTable.INPUT,
            "#out", UsageTable.OUTPUT, "#cr", UsageTable.CACHE_READ, "#cw", UsageTable.CACHE_WRITE,
            "#routes", UsageTable.ROUTES, "#model", UsageTable.MODEL, "#period", UsageTable.PERIOD,
            "#updatedAt", UsageTable.UPDATED_AT, "#ttl", TTL);

    private final DynamoDbClient dynamo;
    private final StoreSettings store;
    private final UsageSettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final AwsRequestOverrideConfiguration bounded;

    UsageLedger(DynamoDbClient dynamo, StoreSettings store, UsageSettings settings, Clock clock, Metrics metrics) {
        this.dynamo = dynamo;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.bounded = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(settings.writeTimeout())
                .addPlugin(config -> config.overrideConfiguration(o -> o.retryStrategy(RETRY_THROTTLED_ONCE)))
                .build();
    }

    /**
     * Adds one model call (or guardrail check) to {@code caller}'s counters for today and this
     * month. For every path: the pipeline's ledger stage calls it for Converse and ConverseStream;
     * callers of the Invoke Model API (passthrough, embeddings) and of ApplyGuardrail call it
     * themselves. Never throws.
     *
     * @param route the route that made the call (kept as a set of routes on the item)
     * @param modelOrGuardrailId the catalog alias of the model, or the guardrail's id
     */
    /** Whether calls are counted at all ({@code parley.usage.enabled}); budgets need the counts. */
    public boolean counting() {
        return settings.enabled();
    }

    public void record(String caller, String route, String modelOrGuardrailId, Usage usage) {
        record(caller, Optional.empty(), route, modelOrGuardrailId, usage);
    }

    /** As {@link #record(String, String, String, Usage)}, for a call made with API key {@code keyId}. */
    public void record(String caller, Optional<String> keyId, String route, String modelOrGuardrailId, Usage usage) {
        if (!settings.enabled()) {
            return;
        }
        try {
            LocalDate day = LocalDate.now(clock);
            Map<String, AttributeValue> values = values(route, modelOrGuardrailId, usage);
            keyId.ifPresent(id -> values.put(":key", AttributeValue.fromS(id)));
            String expression = keyId.isPresent() ? ADD_EXPRESSION + ", #key = :key" : ADD_EXPRESSION;
            // The day first, then the month; an unreachable table fails the first write, and the
            // second is not tried, so an outage costs a call at most one write timeout.
            add(caller, UsageTable.dayKey(day, modelOrGuardrailId, keyId), day.toString(), values, expression);
            YearMonth month = YearMonth.from(day);
            add(caller, UsageTable.monthKey(month, modelOrGuardrailId, keyId), month.toString(), values, expression);
        } catch (RuntimeException e) {
            LOG.warnf("usage of %s on %s (%s) was not recorded: %s", caller, modelOrGuardrailId, route, e.toString());
            metrics.ledgerWriteFailure();
        }
    }

    private void add(String caller, String sk, String period, Map<String, AttributeValue> shared, String expression) {
        Map<String, AttributeValue> values = new HashMap<>(shared);
        values.put(":period", AttributeValue.fromS(period));
        dynamo.updateItem(update -> update.tableName(table())
                .key(key(UsageTable.callerKey(caller), sk))
                .updateExpression(expression)
                .expressionAttributeNames(expression.equals(ADD_EXPRESSION) ? NAMES : namesWithKey())
                .expressionAttributeValues(values)
                .overrideConfiguration(bounded));
    }

    private static Map<String, String> namesWithKey() {
        Map<String, String> names = new HashMap<>(NAMES);
        names.put("#key", UsageTable.KEY_ID);
        return names;
    }

    private Map<String, AttributeValue> values(String route, String model, Usage usage) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":in", n(usage.inputTokens()));
        values.put(":out", n(usage.outputTokens()));
        values.put(":cr", n(usage.cacheReadInputTokens()));
        values.put(":cw", n(usage.cacheWriteInputTokens()));
        values.put(":route", AttributeValue.fromSs(List.of(route)));
        values.put(":model", AttributeValue.fromS(model));
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        values.put(":ttl", n(clock.instant().plus(settings.retention()).getEpochSecond()));
        return values;
    }

    /** The caller's counters for every day from {@code from} to {@code to} (inclusive), by day then model. */
    public List<LedgerEntry> days(String caller, LocalDate from, LocalDate to) {
        return query(caller, "#sk BETWEEN :from AND :to", Map.of(
                ":from", AttributeValue.fromS(UsageTable.dayPrefix(from)),
                ":to", AttributeValue.fromS(UsageTable.afterDay(to))), "read usage");
    }

    /** The caller's counters for one day, by model. */
    public List<LedgerEntry> day(String caller, LocalDate day) {
        return query(caller, "begins_with(#sk, :prefix)",
                Map.of(":prefix", AttributeValue.fromS(UsageTable.dayPrefix(day))), "read today's usage");
    }

    /** The caller's counters for one month, by model. */
    public List<LedgerEntry> month(String caller, YearMonth month) {
        return query(caller, "begins_with(#sk, :prefix)",
                Map.of(":prefix", AttributeValue.fromS(UsageTable.monthPrefix(month))), "read this month's usage");
    }

    private List<LedgerEntry> query(String caller, String skCondition, Map<String, AttributeValue> skValues,
            String what) {
        Map<String, AttributeValue> values = new HashMap<>(skValues);
        values.put(":pk", AttributeValue.fromS(UsageTable.callerKey(caller)));
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table()).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND " + skCondition)
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(values);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response;
            try {
                // Bounded like the writes: a budget check runs before every model call.
                response = dynamo.query(request.overrideConfiguration(bounded).build());
            } catch (SdkException e) {
                throw StoreErrors.translate(e, what);
            }
            response.items().forEach(item -> entries.add(entry(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private String table() {
        return settings.tableName().orElse(store.tableName());
    }

    private static LedgerEntry entry(Map<String, AttributeValue> item) {
        return new LedgerEntry(item.get(UsageTable.PERIOD).s(), item.get(UsageTable.MODEL).s(),
                new UsageTotals(num(item, UsageTable.CALLS), num(item, UsageTable.INPUT), num(item, UsageTable.OUTPUT),
                        num(item, UsageTable.CACHE_READ), num(item, UsageTable.CACHE_WRITE)),
                Optional.ofNullable(item.get(UsageTable.KEY_ID)).map(AttributeValue::s));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
