package dev.parley.keys;

import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;

import dev.parley.table.KeyPrefix;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The caps admins set through {@code /v1/keys/caps}, one item each in the single table:
 *
 * <pre>
 * pk             sk              what
 * APIKEY#CAPS    CAPS#           caps for every owner: models, rpm, tpm, dailyTokens, ... (the key attributes)
 * APIKEY#CAPS    CAPS#{owner}    caps for one owner, on top of those; updatedAt, updatedBy
 * </pre>
 *
 * {@code CAPS} is upper case, so it never is a key id ({@code [a-z0-9]{16}}). Read only when a
 * non-admin creates or changes a key: never on a model call's path.
 */
@ApplicationScoped
class KeyCapStore {
    /** The owner text of the caps that apply to every owner. */
    static final String EVERY_OWNER = "";

    private static final String CAPS_PK = KeyPrefix.API_KEY.key("CAPS");
    private static final String UPDATED_AT = "updatedAt";
    private static final String UPDATED_BY = "updatedBy";

    private final DynamoDbClient dynamo;
    private final TableSettings store;

    KeyCapStore(DynamoDbClient dynamo, TableSettings store) {
        this.dynamo = dynamo;
        this.store = store;
    }

    /** The caps set for {@code owner} ({@link #EVERY_OWNER}: for everyone), strongly consistent. */
    Optional<KeyLimits> read(String owner) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(store.tableName())
                                                    .key(key(owner))
                                                    .consistentRead(true))
                            .item();
            return item == null || item.isEmpty()
                    ? Optional.empty()
                    : Optional.of(KeyItems.limitsOf(item));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "read the key caps");
        }
    }

    /** Replaces the caps of {@code owner} with {@code caps}. */
    void write(String owner, KeyLimits caps, String by, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(KeyItems.limits(caps));
        item.putAll(key(owner));
        item.put(UPDATED_AT, AttributeValue.fromS(now.toString()));
        item.put(UPDATED_BY, AttributeValue.fromS(by));
        try {
            dynamo.putItem(put -> put.tableName(store.tableName()).item(item));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "store the key caps");
        }
    }

    /** Removes the caps of {@code owner}; false when there were none. */
    boolean delete(String owner) {
        try {
            return !dynamo.deleteItem(
                            delete ->
                                    delete.tableName(store.tableName())
                                            .key(key(owner))
                                            .returnValues(ReturnValue.ALL_OLD))
                    .attributes()
                    .isEmpty();
        } catch (SdkException e) {
            throw TableErrors.translate(e, "remove the key caps");
        }
    }

    private static Map<String, AttributeValue> key(String owner) {
        return Map.of(
                PK,
                AttributeValue.fromS(CAPS_PK),
                SK,
                AttributeValue.fromS(KeyPrefix.KEY_CAPS.key(owner)));
    }
}
