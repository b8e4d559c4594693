package dev.parley.keys;

import static dev.parley.table.SingleTable.GSI1;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;

import dev.parley.table.PagedQuery;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** API keys in the single table ({@link KeyTable}): the only class that builds their DynamoDB requests. */
@ApplicationScoped
public class KeyStore {
    private static final List<String> LIMIT_ATTRIBUTES =
            List.of(
                    KeyTable.MODELS,
                    KeyTable.RPM,
                    KeyTable.TPM,
                    KeyTable.DAILY_TOKENS,
                    KeyTable.DAILY_USD,
                    KeyTable.MONTHLY_TOKENS,
                    KeyTable.MONTHLY_USD,
                    KeyTable.SERVICE_TIER);

    private final DynamoDbClient dynamo;
    private final TableSettings store;

    KeyStore(DynamoDbClient dynamo, TableSettings store) {
        this.dynamo = dynamo;
        this.store = store;
    }

    void create(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>(KeyItems.limits(key.limits()));
        item.putAll(key(key.id()));
        item.put(KeyTable.OWNER, AttributeValue.fromS(key.owner()));
        item.put(KeyTable.NAME, AttributeValue.fromS(key.name()));
        item.put(KeyTable.PREFIX, AttributeValue.fromS(key.prefix()));
        item.put(KeyTable.HASH, AttributeValue.fromS(key.secretHash()));
        item.put(KeyTable.CREATED_AT, AttributeValue.fromS(key.createdAt().toString()));
        key.expiresAt()
                .ifPresent(at -> item.put(KeyTable.EXPIRES_AT, KeyItems.n(at.getEpochSecond())));
        item.put(KeyTable.ADMIN, AttributeValue.fromBool(key.admin()));
        item.put(GSI1_PK, AttributeValue.fromS(KeyTable.ownerIndexKey(key.owner())));
        item.put(GSI1_SK, AttributeValue.fromS(KeyTable.ownerIndexSort(key.createdAt(), key.id())));
        try {
            dynamo.putItem(
                    put ->
                            put.tableName(table())
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "store the new API key");
        }
    }

    /**
     * Stamps {@code lastUsedAt} unless another instance did within {@code atMostEvery}, or the key
     * is gone. Made after the response ({@link LastUse}): it never delays a client. False when the
     * condition held nobody back from writing it (it was stamped recently, or revoked).
     */
    boolean stampUsed(String id, Instant now, java.time.Duration atMostEvery) {
        try {
            dynamo.updateItem(
                    update ->
                            update.tableName(table())
                                    .key(key(id))
                                    .updateExpression("SET #used = :now")
                                    .conditionExpression(
                                            "attribute_exists(#pk) AND (attribute_not_exists(#used) OR #used < :since)")
                                    .expressionAttributeNames(
                                            Map.of("#used", KeyTable.LAST_USED_AT, "#pk", PK))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":now",
                                                    AttributeValue.fromS(KeyTable.stamp(now)),
                                                    ":since",
                                                    AttributeValue.fromS(
                                                            KeyTable.stamp(
                                                                    now.minus(atMostEvery))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw TableErrors.translate(e, "stamp the API key's last use");
        }
    }

    /**
     * The key with {@code id} (strongly consistent), whoever owns it: how a presented key is
     * verified (one read; a refused secret costs no write).
     */
    Optional<ApiKey> find(String id) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(get -> get.tableName(table()).key(key(id)).consistentRead(true))
                            .item();
            return item == null || item.isEmpty()
                    ? Optional.empty()
                    : Optional.of(KeyItems.key(item));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "read the API key");
        }
    }

    /** The owner's keys, oldest first (the index is eventually consistent: a key created a moment ago may lag). */
    List<ApiKey> list(String owner) {
        List<ApiKey> keys = new ArrayList<>();
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table())
                        .indexName(GSI1)
                        .keyConditionExpression("#gpk = :owner")
                        .expressionAttributeNames(Map.of("#gpk", GSI1_PK))
                        .expressionAttributeValues(
                                Map.of(
                                        ":owner",
                                        AttributeValue.fromS(KeyTable.ownerIndexKey(owner))))
                        .build();
        PagedQuery.readAll(
                dynamo, request, "list the API keys", item -> keys.add(KeyItems.key(item)));
        return keys;
    }

    /**
     * Replaces the key's name, expiry and limits, if it still belongs to {@code owner}; the secret,
     * owner and admin right never change. Empty when the key is gone (revoked meanwhile).
     */
    Optional<ApiKey> update(ApiKey key) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        values.put(":owner", AttributeValue.fromS(key.owner()));
        names.put("#owner", KeyTable.OWNER);
        values.put(":name", AttributeValue.fromS(key.name()));
        names.put("#name", KeyTable.NAME);
        set.add("#name = :name");
        Map<String, AttributeValue> limits = KeyItems.limits(key.limits());
        key.expiresAt()
                .ifPresent(at -> limits.put(KeyTable.EXPIRES_AT, KeyItems.n(at.getEpochSecond())));
        List<String> attributes = new ArrayList<>(LIMIT_ATTRIBUTES);
        attributes.add(KeyTable.EXPIRES_AT);
        for (int i = 0; i < attributes.size(); i++) {
            String attribute = attributes.get(i);
            names.put("#a" + i, attribute);
            if (limits.containsKey(attribute)) {
                values.put(":a" + i, limits.get(attribute));
                set.add("#a" + i + " = :a" + i);
            } else {
                remove.add("#a" + i);
            }
        }
        String expression =
                "SET "
                        + String.join(", ", set)
                        + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            return Optional.of(
                    KeyItems.key(
                            dynamo.updateItem(
                                            update ->
                                                    update.tableName(table())
                                                            .key(key(key.id()))
                                                            .updateExpression(expression)
                                                            .conditionExpression("#owner = :owner")
                                                            .expressionAttributeNames(names)
                                                            .expressionAttributeValues(values)
                                                            .returnValues(ReturnValue.ALL_NEW))
                                    .attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw TableErrors.translate(e, "change the API key");
        }
    }

    /** Revokes the key if it belongs to {@code owner}; false when there was no such key of that owner. */
    boolean delete(String id, String owner) {
        try {
            dynamo.deleteItem(
                    delete ->
                            delete.tableName(table())
                                    .key(key(id))
                                    .conditionExpression("#owner = :owner")
                                    .expressionAttributeNames(Map.of("#owner", KeyTable.OWNER))
                                    .expressionAttributeValues(
                                            Map.of(":owner", AttributeValue.fromS(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw TableErrors.translate(e, "revoke the API key");
        }
    }

    String table() {
        return store.tableName();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(
                PK,
                AttributeValue.fromS(KeyTable.keyPk(id)),
                SK,
                AttributeValue.fromS(KeyTable.KEY_SK));
    }
}
