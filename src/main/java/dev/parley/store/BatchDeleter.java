package dev.parley.store;

import dev.parley.table.TableErrors;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Deletes keys in BatchWriteItem calls of 25 (DynamoDB's limit), resubmitting what comes back unprocessed. */
final class BatchDeleter {
    private static final int BATCH = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchDeleter() {}

    static void deleteAll(
            DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<WriteRequest> batch =
                    keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
                            .map(
                                    key ->
                                            WriteRequest.builder()
                                                    .deleteRequest(
                                                            DeleteRequest.builder()
                                                                    .key(key)
                                                                    .build())
                                                    .build())
                            .toList();
            for (int round = 0; !batch.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw TableErrors.translate(
                            SdkException.create(
                                    "unprocessed deletes after " + MAX_ROUNDS + " rounds", null),
                            "delete the conversation's messages");
                }
                List<WriteRequest> current = batch;
                BatchWriteItemResponse response;
                try {
                    response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, current)));
                } catch (SdkException e) {
                    throw TableErrors.translate(e, "delete the conversation's messages");
                }
                batch =
                        response.hasUnprocessedItems()
                                ? response.unprocessedItems().getOrDefault(table, List.of())
                                : List.of();
            }
        }
    }
}
