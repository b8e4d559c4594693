package dev.parley.table;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A Query read page after page: DynamoDB answers at most 1 MB (or the request's {@code Limit}) per
 * call and says where to go on. Failures are {@link TableErrors#translate translated} once here.
 */
public final class PagedQuery {
    private PagedQuery() {}

    /** Hands every item the query matches to {@code items}, in the table's order. */
    public static void readAll(
            DynamoDbClient dynamo,
            QueryRequest request,
            String what,
            Consumer<Map<String, AttributeValue>> items) {
        readWhile(dynamo, request, what, items, () -> true);
    }

    /**
     * Hands the matching items to {@code items} until the table has no more, or until
     * {@code wantsMore} (asked after each page) says the reader has enough.
     */
    public static void readWhile(
            DynamoDbClient dynamo,
            QueryRequest request,
            String what,
            Consumer<Map<String, AttributeValue>> items,
            BooleanSupplier wantsMore) {
        QueryRequest page = request;
        while (true) {
            QueryResponse response = query(dynamo, page, what);
            response.items().forEach(items);
            if (!response.hasLastEvaluatedKey()
                    || response.lastEvaluatedKey().isEmpty()
                    || !wantsMore.getAsBoolean()) {
                return;
            }
            page = request.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
        }
    }

    /** One page (one call), failures translated. */
    public static QueryResponse query(DynamoDbClient dynamo, QueryRequest request, String what) {
        try {
            return dynamo.query(request);
        } catch (SdkException e) {
            throw TableErrors.translate(e, what);
        }
    }
}
