package dev.parley.usage;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client the ledger's reads and writes go through: the application's, except while
 * SnapStart priming runs requests before the snapshot ({@link LedgerPriming}), when a throwaway
 * client with canned answers stands in, so priming warms the ledger's real code without a table.
 */
@ApplicationScoped
class LedgerClient {
    private final DynamoDbClient dynamo;
    private volatile DynamoDbClient standIn;

    LedgerClient(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    DynamoDbClient get() {
        DynamoDbClient priming = standIn;
        return priming != null ? priming : dynamo;
    }

    /** The application's client, whatever stands in: the one priming's stand-in is built like. */
    DynamoDbClient application() {
        return dynamo;
    }

    /** {@code client} answers instead of the application's until {@code null} is set again. */
    void standIn(DynamoDbClient client) {
        this.standIn = client;
    }
}
