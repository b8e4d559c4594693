package dev.parley.aws;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A throwaway DynamoDB client for SnapStart priming: the real endpoint rules, signing and
 * (un)marshalling, dummy static credentials, and an in-memory HTTP client whose one answer fits
 * every operation Parley makes (an empty page for Query, no item for GetItem, nothing returned for
 * writes). No request leaves the process.
 */
public final class CannedDynamoDb {
    private static final byte[] ANSWER =
            "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}".getBytes(StandardCharsets.UTF_8);

    private CannedDynamoDb() {}

    /** A new in-memory HTTP client with the canned answer (its count says how many requests it answered). */
    public static CannedHttpClient http() {
        return new CannedHttpClient(ANSWER, "application/x-amz-json-1.0");
    }

    /** A client in {@code region} (the application client's, so the same endpoint rules run) on {@code http}. */
    public static DynamoDbClient client(Region region, CannedHttpClient http) {
        return DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("priming", "priming")))
                .region(region)
                .build();
    }
}
