package dev.parley.priming;

import dev.parley.aws.CannedDynamoDb;
import dev.parley.aws.CannedHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs each DynamoDB operation Parley's stores make (GetItem, the lifecycle report's first read;
 * PutItem, Query, UpdateItem, DeleteItem and TransactWriteItems, a chat turn's) through a throwaway
 * client on {@link CannedDynamoDb}: their marshallers, signing and unmarshalling are loaded and
 * compiled before the snapshot, and nothing reaches a table. The SDK's own warm-up runs one
 * operation per service; the first request after a restore otherwise paid for the others.
 */
@ApplicationScoped
public class DynamoPriming {
    private static final String TABLE = "parley-priming";
    private static final Map<String, AttributeValue> KEY =
            Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"));

    private final DynamoDbClient application;

    DynamoPriming(DynamoDbClient application) {
        this.application = application;
    }

    /** Returns how many requests the canned table answered. */
    public int prime(int rounds) {
        CannedHttpClient http = CannedDynamoDb.http();
        try (DynamoDbClient canned =
                CannedDynamoDb.client(application.serviceClientConfiguration().region(), http)) {
            for (int i = 0; i < Math.max(1, rounds); i++) {
                canned.getItem(get -> get.tableName(TABLE).key(KEY).consistentRead(true));
                canned.putItem(
                        put ->
                                put.tableName(TABLE)
                                        .item(KEY)
                                        .conditionExpression("attribute_not_exists(pk)"));
                canned.query(
                        query ->
                                query.tableName(TABLE)
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(":pk", AttributeValue.fromS("PRIMING"))));
                canned.updateItem(
                        update ->
                                update.tableName(TABLE)
                                        .key(KEY)
                                        .updateExpression("SET #n = :n")
                                        .expressionAttributeNames(Map.of("#n", "n"))
                                        .expressionAttributeValues(
                                                Map.of(":n", AttributeValue.fromN("1"))));
                canned.deleteItem(delete -> delete.tableName(TABLE).key(KEY));
                canned.transactWriteItems(
                        transact ->
                                transact.transactItems(
                                        item -> item.put(put -> put.tableName(TABLE).item(KEY))));
            }
        }
        return http.answered();
    }
}
