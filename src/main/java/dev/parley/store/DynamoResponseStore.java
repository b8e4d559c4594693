package dev.parley.store;

import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import dev.parley.error.ParleyException;
import dev.parley.table.KeyPrefix;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Responses in the single table: {@code pk = RESP#{id}}, {@code sk = RESPONSE}, with the owner,
 * both JSON strings, createdAt and the DynamoDB TTL. One item per response (a continuation stores
 * the whole context again, so a chain is read with one GetItem); an item over the table's size limit
 * is refused with a 413 rather than cut.
 */
@ApplicationScoped
public class DynamoResponseStore implements ResponseStore {
    static final String SORT_KEY = KeyPrefix.RESPONSE.text();

    private final DynamoDbClient dynamo;
    private final StoreSettings settings;
    private final TableSettings table;
    private final Clock clock = Clock.systemUTC();

    DynamoResponseStore(DynamoDbClient dynamo, StoreSettings settings, TableSettings table) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.table = table;
    }

    static String partitionKey(String id) {
        return KeyPrefix.STORED_RESPONSE.key(id);
    }

    @Override
    public void put(StoredResponse response) {
        int bytes =
                response.responseJson().getBytes(StandardCharsets.UTF_8).length
                        + response.contextJson().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxItemBytes()) {
            throw ParleyException.tooLarge(
                    "the response and its context are "
                            + bytes
                            + " bytes, over the "
                            + settings.maxItemBytes()
                            + " a stored response may hold; send store: false and pass the"
                            + " context in 'input', or start a new chain");
        }
        try {
            dynamo.putItem(
                    put ->
                            put.tableName(table.tableName())
                                    .item(
                                            Map.of(
                                                    PK,
                                                    AttributeValue.fromS(
                                                            partitionKey(response.id())),
                                                    SK,
                                                    AttributeValue.fromS(SORT_KEY),
                                                    "owner",
                                                    AttributeValue.fromS(response.owner()),
                                                    "response",
                                                    AttributeValue.fromS(response.responseJson()),
                                                    "context",
                                                    AttributeValue.fromS(response.contextJson()),
                                                    "createdAt",
                                                    AttributeValue.fromS(
                                                            response.createdAt().toString()),
                                                    TTL,
                                                    AttributeValue.fromN(
                                                            Long.toString(
                                                                    response.expiresAt()
                                                                            .getEpochSecond()))))
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "store the response");
        }
    }

    @Override
    public Optional<StoredResponse> find(String id, String owner) {
        Map<String, AttributeValue> item;
        try {
            item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(table.tableName())
                                                    .consistentRead(true)
                                                    .key(key(id)))
                            .item();
        } catch (SdkException e) {
            throw TableErrors.translate(e, "read the response");
        }
        if (item == null || item.isEmpty() || !owner.equals(item.get("owner").s())) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(item.get(TTL).n()));
        // DynamoDB deletes expired items lazily (within days): an expired one is already gone to
        // the caller.
        if (!expires.isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(
                new StoredResponse(
                        id,
                        owner,
                        item.get("response").s(),
                        item.get("context").s(),
                        Instant.parse(item.get("createdAt").s()),
                        expires));
    }

    @Override
    public boolean delete(String id, String owner) {
        try {
            dynamo.deleteItem(
                    delete ->
                            delete.tableName(table.tableName())
                                    .key(key(id))
                                    .conditionExpression("#owner = :owner")
                                    .expressionAttributeNames(Map.of("#owner", "owner"))
                                    .expressionAttributeValues(
                                            Map.of(":owner", AttributeValue.fromS(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // absent, or someone else's: the same 404
        } catch (SdkException e) {
            throw TableErrors.translate(e, "delete the response");
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(
                PK, AttributeValue.fromS(partitionKey(id)), SK, AttributeValue.fromS(SORT_KEY));
    }
}
