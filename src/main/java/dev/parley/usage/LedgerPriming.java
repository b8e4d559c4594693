package dev.parley.usage;

import dev.parley.aws.CannedHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lets SnapStart priming run requests that charge the ledger without a table: while they run, the
 * ledger's reads and writes go to a throwaway DynamoDB client (dummy static credentials, the
 * application client's Region, an in-memory HTTP client with one canned answer), and what they
 * counted is written there before the application's client is back. So the first budget Query
 * and the first {@code UpdateItem} of the ledger (marshalling, signing, endpoint rules,
 * unmarshalling, the writer's condition) are warm in the snapshot, and no ledger row exists.
 */
@ApplicationScoped
public class LedgerPriming {
    /** Fits every operation the ledger makes: an empty Query page; UpdateItem's answer is ignored. */
    private static final byte[] CANNED = "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}".getBytes(StandardCharsets.UTF_8);

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
            // Only before a snapshot, when no caller has been served: real usage must not go to the stand-in.
            throw new IllegalStateException("usage of real calls is waiting to be written");
        }
        CannedHttpClient http = new CannedHttpClient(CANNED, "application/x-amz-json-1.0");
        try (DynamoDbClient canned = DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .region(client.application().serviceClientConfiguration().region())
                .build()) {
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
