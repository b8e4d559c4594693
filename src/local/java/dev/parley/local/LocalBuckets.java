package dev.parley.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** The local S3 stand-in's clients and buckets: what template.yaml creates, created here if missing. */
final class LocalBuckets {
    private LocalBuckets() {}

    /** A client for the S3 stand-in: path-style (no per-bucket host names locally), the stand-ins' credentials. */
    static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StandIns.REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        StandIns.ACCESS_KEY, StandIns.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static void create(URI endpoint, String bucket) {
        try (S3Client s3 = client(endpoint)) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(create -> create.bucket(bucket));
            }
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // Kept from an earlier local run.
        }
    }
}
