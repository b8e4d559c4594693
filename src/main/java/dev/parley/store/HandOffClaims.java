package dev.parley.store;

import dev.parley.table.KeyPrefix;
import dev.parley.table.SingleTable;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Once-only markers for WebSocket chat hand-offs: Lambda's asynchronous queue delivers an event at
 * least once, and a hand-off delivered twice would stream and store its turn twice. The stream
 * function claims the hand-off's id with one conditional {@code PutItem} before it streams
 * ({@code pk = HANDOFF#{id}}, {@code sk = CLAIM}); a second delivery finds the claim and is dropped.
 * A claim expires by TTL after {@link #KEPT}, far past the longest time Lambda keeps an event (6 hours).
 *
 * <p>The SDK retries a {@code PutItem} whose answer was lost (timeout, reset, 5xx): when the first
 * attempt's write landed, the retry fails its condition against our own claim. So each call writes
 * a token of its own (the same across the SDK's retries of that call), and a failed condition reads
 * the claim back: our token means the claim is ours, and the turn is not dropped as a duplicate.
 */
@ApplicationScoped
public class HandOffClaims {
    /** How long a claim is kept: Lambda retains an asynchronous event at most 6 hours. */
    static final Duration KEPT = Duration.ofDays(1);

    static final String SORT_KEY = KeyPrefix.CLAIM.text();

    /** The attribute holding the token of the call that wrote the claim. */
    static final String TOKEN = "claimToken";

    private final DynamoDbClient dynamo;
    private final String table;

    HandOffClaims(DynamoDbClient dynamo, TableSettings settings) {
        this.dynamo = dynamo;
        this.table = settings.tableName();
    }

    static String key(String handOffId) {
        return KeyPrefix.HAND_OFF.key(handOffId);
    }

    /**
     * True when this delivery is the first of the hand-off {@code handOffId}; false when another
     * delivery claimed it first.
     *
     * @throws dev.parley.error.ParleyException {@code store_unavailable} when DynamoDB failed
     */
    public boolean claim(String handOffId, String requestId, Instant now) {
        String token = UUID.randomUUID().toString();
        try {
            // An expired claim DynamoDB has not yet deleted (TTL deletion is lazy) counts as
            // absent.
            dynamo.putItem(
                    put ->
                            put.tableName(table)
                                    .item(
                                            Map.of(
                                                    SingleTable.PK,
                                                    AttributeValue.fromS(key(handOffId)),
                                                    SingleTable.SK,
                                                    AttributeValue.fromS(SORT_KEY),
                                                    "requestId",
                                                    AttributeValue.fromS(requestId),
                                                    TOKEN,
                                                    AttributeValue.fromS(token),
                                                    "createdAt",
                                                    AttributeValue.fromS(now.toString()),
                                                    SingleTable.TTL,
                                                    AttributeValue.fromN(
                                                            Long.toString(
                                                                    now.plus(KEPT)
                                                                            .getEpochSecond()))))
                                    .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now")
                                    .expressionAttributeNames(
                                            Map.of("#pk", SingleTable.PK, "#ttl", SingleTable.TTL))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":now",
                                                    AttributeValue.fromN(
                                                            Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return ours(handOffId, token);
        } catch (SdkException e) {
            throw TableErrors.translate(e, "claim the chat hand-off");
        }
    }

    /** Whether the claim the condition found is the one this call wrote (on an attempt whose answer was lost). */
    private boolean ours(String handOffId, String token) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(table)
                                                    .consistentRead(true)
                                                    .key(
                                                            Map.of(
                                                                    SingleTable.PK,
                                                                    AttributeValue.fromS(
                                                                            key(handOffId)),
                                                                    SingleTable.SK,
                                                                    AttributeValue.fromS(SORT_KEY)))
                                                    .projectionExpression("#token")
                                                    .expressionAttributeNames(
                                                            Map.of("#token", TOKEN)))
                            .item();
            AttributeValue found = item == null ? null : item.get(TOKEN);
            return found != null && token.equals(found.s());
        } catch (SdkException e) {
            throw TableErrors.translate(e, "claim the chat hand-off");
        }
    }
}
