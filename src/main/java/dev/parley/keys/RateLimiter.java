package dev.parley.keys;

import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A key's requests and tokens per minute, counted across every instance on one item per key and
 * UTC minute ({@code APIKEY#{id} / RATE#{minute}}). One conditional UpdateItem per request does it
 * all: it is refused when the minute's requests, or its tokens with those this instance's earlier
 * calls of the key produced, are at the limit, and otherwise adds the request and those tokens.
 *
 * <p>Accuracy (docs/keys.md): requests are exact across instances (an atomic conditional ADD; a
 * refused request is not counted). Tokens are known only when a call ends, and are added to the
 * counter with the key's next request on the same instance, so a key can pass its tpm by the
 * tokens of the calls in flight plus each instance's last call (unreported while that instance
 * sees no further request of the key). Windows are fixed UTC minutes.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final DynamoDbClient dynamo;
    private final TableSettings store;
    private final Clock clock;

    /** Tokens produced on this instance per key, not yet added to a minute's counter. */
    private final Map<String, AtomicLong> unreported = new ConcurrentHashMap<>();

    RateLimiter(DynamoDbClient dynamo, TableSettings store, Clock clock) {
        this.dynamo = dynamo;
        this.store = store;
        this.clock = clock;
    }

    /** The minute's counts as the request found them, and whether it was admitted. */
    public record Decision(boolean admitted, long requests, long tokens, Instant resetsAt) {}

    /** Counts one request of {@code key} (which has an rpm or tpm) if the minute has room. */
    public Decision admit(ApiKey key) {
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        Instant resetsAt = Instant.ofEpochSecond((minute + 1) * 60);
        long pending = take(key.id());
        List<String> room = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", KeyItems.n(1));
        values.put(":tokens", KeyItems.n(pending));
        values.put(":ttl", KeyItems.n(resetsAt.getEpochSecond() + 120));
        key.limits()
                .rpm()
                .ifPresent(
                        rpm -> {
                            room.add("#requests < :rpm");
                            values.put(":rpm", KeyItems.n(rpm));
                        });
        key.limits()
                .tpm()
                .ifPresent(
                        tpm -> {
                            // The tokens reported now count already: room only if the minute's
                            // tokens plus them stay under tpm.
                            room.add("#tokens < :room");
                            values.put(":room", KeyItems.n(tpm - pending));
                        });
        String condition =
                "attribute_not_exists(#requests)"
                        + (room.isEmpty() ? "" : " OR (" + String.join(" AND ", room) + ")");
        try {
            Map<String, AttributeValue> counts =
                    dynamo.updateItem(
                                    update ->
                                            update.tableName(store.tableName())
                                                    .key(
                                                            Map.of(
                                                                    PK,
                                                                    AttributeValue.fromS(
                                                                            KeyTable.keyPk(
                                                                                    key.id())),
                                                                    SK,
                                                                    AttributeValue.fromS(
                                                                            KeyTable.rateSk(
                                                                                    minute))))
                                                    .updateExpression(
                                                            "ADD #requests :one, #tokens :tokens SET #ttl = :ttl")
                                                    .conditionExpression(condition)
                                                    .expressionAttributeNames(
                                                            Map.of(
                                                                    "#requests",
                                                                    KeyTable.REQUESTS,
                                                                    "#tokens",
                                                                    KeyTable.TOKENS,
                                                                    "#ttl",
                                                                    TTL))
                                                    .expressionAttributeValues(values)
                                                    .returnValues(ReturnValue.UPDATED_NEW)
                                                    .returnValuesOnConditionCheckFailure(
                                                            ReturnValuesOnConditionCheckFailure
                                                                    .ALL_OLD))
                            .attributes();
            return new Decision(
                    true,
                    count(counts, KeyTable.REQUESTS),
                    count(counts, KeyTable.TOKENS),
                    resetsAt);
        } catch (ConditionalCheckFailedException e) {
            charge(key.id(), pending);
            Map<String, AttributeValue> counts = e.hasItem() ? e.item() : Map.of();
            // The unreported tokens were spent too: they count in what the answer says is left.
            return new Decision(
                    false,
                    count(counts, KeyTable.REQUESTS),
                    count(counts, KeyTable.TOKENS) + pending,
                    resetsAt);
        } catch (SdkException e) {
            // A rate limit guards spending, not access (as budgets do): with the table unreachable
            // the
            // request goes on, logged, rather than every keyed request failing with the store.
            charge(key.id(), pending);
            LOG.warnf(
                    "rate limit of key %s not checked (DynamoDB failed): %s",
                    key.id(), e.toString());
            return new Decision(true, 0, 0, resetsAt);
        }
    }

    /** Remembers tokens a call of the key produced, for its next request's counter update. */
    public void charge(String keyId, long tokens) {
        if (tokens > 0) {
            unreported.computeIfAbsent(keyId, id -> new AtomicLong()).addAndGet(tokens);
        }
    }

    /** The tokens not yet reported for {@code keyId} (tests and the benchmark look at it). */
    OptionalLong unreported(String keyId) {
        AtomicLong tokens = unreported.get(keyId);
        return tokens == null ? OptionalLong.empty() : OptionalLong.of(tokens.get());
    }

    private long take(String keyId) {
        AtomicLong tokens = unreported.get(keyId);
        return tokens == null ? 0 : tokens.getAndSet(0);
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
