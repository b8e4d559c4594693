package dev.parley.usage;

import dev.parley.aws.CannedDynamoDb;
import dev.parley.aws.CannedHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lets SnapStart priming run requests that charge the ledger without a table: while they run, the
 * ledger's reads and writes go to a throwaway DynamoDB client ({@link CannedDynamoDb}), and what they
 * counted is written there before the application's client is back. So the first budget Query
 * and the first {@code UpdateItem} of the ledger (marshalling, signing, endpoint rules,
 * unmarshalling, the writer's condition) are warm in the snapshot, and no ledger row exists.
 */
@ApplicationScoped
public class LedgerPriming {
    private final LedgerClient client;
    private final PendingUsage pending;

    LedgerPriming(LedgerClient client, PendingUsage pending) {
        this.client = client;
        this.pending = pending;
    }

    /**
     * Runs {@code work} with the ledger on the canned table, then writes what it counted there.
     * Returns how many DynamoDB requests the canned table answered.
     */
    public int withCannedTable(Runnable work) {
        if (pending.pending() > 0) {
            // Only before a snapshot, when no caller has been served: real usage must not go to the
            // stand-in.
            throw new IllegalStateException("usage of real calls is waiting to be written");
        }
        CannedHttpClient http = CannedDynamoDb.http();
        try (DynamoDbClient canned =
                CannedDynamoDb.client(
                        client.application().serviceClientConfiguration().region(), http)) {
            client.standIn(canned);
            try {
                work.run();
            } finally {
                pending.flush();
                client.standIn(null);
                pending.discard("priming's calls, which no table may record");
            }
        }
        return http.answered();
    }
}
