package dev.parley.usage;

import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import dev.parley.table.TableSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The ledger's only write: one {@code UpdateItem ... ADD} on the day item of a {@link LedgerDelta},
 * made idempotent so that it can be retried after any failure, a timeout included (a write that
 * timed out may have been applied).
 *
 * <p>How: each process (each restored SnapStart copy too) writes under its own random writer id,
 * and numbers its writes. The item keeps, per writer, the number of the last write applied
 * ({@code writer_{id}}), and the write is conditional on that number being lower than its own. A
 * retry carries the same number, so a retry of an applied write fails its condition, which means
 * "already counted". Writes of one writer to one item are made in order ({@link PendingUsage}
 * never lets a newer write of an item overtake an unconfirmed older one), so the condition never
 * refuses a write that was not applied. The cost is one small attribute per writer that wrote to
 * the item that day: a few hundred bytes for a caller busy on many instances, far below DynamoDB's
 * 400 KB item limit.
 *
 * <p>Month totals are not written: {@link UsageLedger#month} sums the month's day items, so a
 * call costs one write, not two.
 */
@ApplicationScoped
public class LedgerWriter implements Resource {
    private static final String ADD_EXPRESSION =
            "ADD #calls :calls, #in :in, #out :out, #cr :cr, #cw :cw,"
                    + " #cw1h :cw1h, #routes :routes SET #model = :model, #period = :period, #updatedAt = :now, #ttl = :ttl,"
                    + " #writer = :sequence, #gpk = :gpk, #gsk = :gsk";
    private static final String ONCE = "attribute_not_exists(#writer) OR #writer < :sequence";

    /** What a write came to. */
    enum Outcome {
        /** Applied now, or found applied by an earlier attempt. */
        WRITTEN,
        /** Not applied, and worth trying again (throttled, timed out, unreachable, DynamoDB's fault). */
        RETRY,
        /** Refused for good (no such table, no permission, invalid): trying again cannot help. */
        REFUSED
    }

    private final LedgerClient dynamo;
    private final TableSettings store;
    private final UsageSettings settings;
    private final Clock clock;
    private final AwsRequestOverrideConfiguration bounded;
    private final AtomicLong sequence = new AtomicLong();
    private volatile String writerId = newWriterId();

    LedgerWriter(LedgerClient dynamo, TableSettings store, UsageSettings settings, Clock clock) {
        this.dynamo = dynamo;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.bounded =
                AwsRequestOverrideConfiguration.builder()
                        .apiCallTimeout(settings.writeTimeout())
                        .build();
    }

    void register(@Observes StartupEvent started) {
        // Every restored copy of a SnapStart snapshot must write under an id of its own: copies
        // sharing one would take each other's writes for retries of their own.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {}

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        writerId = newWriterId();
    }

    /** Numbers a write once; its retries keep the number. */
    long nextSequence() {
        return sequence.incrementAndGet();
    }

    Outcome write(LedgerDelta delta) {
        Map<String, AttributeValue> values = new HashMap<>();
        UsageTotals totals = delta.totals();
        values.put(":calls", n(totals.calls()));
        values.put(":in", n(totals.inputTokens()));
        values.put(":out", n(totals.outputTokens()));
        values.put(":cr", n(totals.cacheReadTokens()));
        values.put(":cw", n(totals.cacheWriteTokens()));
        values.put(":cw1h", n(totals.cacheWriteOneHourTokens()));
        values.put(":routes", AttributeValue.fromSs(List.copyOf(delta.routes())));
        values.put(":model", AttributeValue.fromS(delta.item().model()));
        values.put(":period", AttributeValue.fromS(delta.item().day().toString()));
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        values.put(":ttl", n(clock.instant().plus(settings.retention()).getEpochSecond()));
        values.put(":sequence", n(delta.sequence()));
        Map<String, String> names =
                new HashMap<>(
                        Map.of(
                                "#calls",
                                UsageTable.CALLS,
                                "#in",
                                UsageTable.INPUT,
                                "#out",
                                UsageTable.OUTPUT,
                                "#cr",
                                UsageTable.CACHE_READ,
                                "#cw",
                                UsageTable.CACHE_WRITE,
                                "#routes",
                                UsageTable.ROUTES,
                                "#model",
                                UsageTable.MODEL,
                                "#period",
                                UsageTable.PERIOD,
                                "#updatedAt",
                                UsageTable.UPDATED_AT,
                                "#ttl",
                                TTL));
        names.put("#cw1h", UsageTable.CACHE_WRITE_ONE_HOUR);
        names.put("#writer", UsageTable.WRITER_PREFIX + writerId);
        // Listed in the byOwner index under the month, so an admin can page through every owner's
        // usage.
        names.put("#gpk", GSI1_PK);
        names.put("#gsk", GSI1_SK);
        values.put(
                ":gpk",
                AttributeValue.fromS(UsageTable.monthIndexKey(YearMonth.from(delta.item().day()))));
        values.put(":gsk", AttributeValue.fromS(delta.item().caller()));
        String expression = ADD_EXPRESSION;
        if (delta.item().keyId().isPresent()) {
            names.put("#key", UsageTable.KEY_ID);
            values.put(":key", AttributeValue.fromS(delta.item().keyId().get()));
            expression = ADD_EXPRESSION + ", #key = :key";
        }
        String updateExpression = expression;
        try {
            dynamo.get()
                    .updateItem(
                            update ->
                                    update.tableName(table())
                                            .key(
                                                    Map.of(
                                                            PK,
                                                            AttributeValue.fromS(
                                                                    UsageTable.callerKey(
                                                                            delta.item().caller())),
                                                            SK,
                                                            AttributeValue.fromS(
                                                                    UsageTable.dayKey(
                                                                            delta.item().day(),
                                                                            delta.item().model(),
                                                                            delta.item().keyId()))))
                                            .updateExpression(updateExpression)
                                            .conditionExpression(ONCE)
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(values)
                                            .overrideConfiguration(bounded));
            return Outcome.WRITTEN;
        } catch (ConditionalCheckFailedException e) {
            // This writer's number on the item is already this one's (or later): an earlier attempt
            // of this very write was applied, and its answer was lost.
            return Outcome.WRITTEN;
        } catch (SdkServiceException e) {
            boolean transientFailure =
                    e.isThrottlingException() || e.statusCode() >= 500 || e.statusCode() == 0;
            return transientFailure ? Outcome.RETRY : Outcome.REFUSED;
        } catch (RuntimeException e) {
            // Timeouts and connection failures (SdkClientException): it may have been applied; the
            // retry's condition sorts that out.
            return Outcome.RETRY;
        }
    }

    private String table() {
        return settings.tableName().orElse(store.tableName());
    }

    private static String newWriterId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
