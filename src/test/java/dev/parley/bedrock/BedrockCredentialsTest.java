package dev.parley.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.local.bedrock.BedrockEmulator;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * A Bedrock call without credentials, as the SDK's own provider chain fails it (not a made-up
 * exception), becomes Parley's 503 naming how to provide credentials, without a stack trace.
 */
class BedrockCredentialsTest {

    @Test
    void noCredentialsFoundIsAModelUnavailableNamingTheFix() throws Exception {
        // A chain whose only provider reads a profile file that does not exist: the SDK's
        // "Unable to load credentials from any of the providers in the chain", whatever this
        // machine's environment holds.
        Path missing = java.nio.file.Files.createTempDirectory("no-aws").resolve("credentials");
        var chain =
                AwsCredentialsProviderChain.builder()
                        .credentialsProviders(
                                ProfileCredentialsProvider.builder()
                                        .profileFile(
                                                () ->
                                                        ProfileFile.builder()
                                                                .content(
                                                                        java.io.InputStream
                                                                                .nullInputStream())
                                                                .type(ProfileFile.Type.CREDENTIALS)
                                                                .build())
                                        .profileName("parley-test-" + missing.getFileName())
                                        .build())
                        .build();
        try (BedrockEmulator emulator = BedrockEmulator.start("127.0.0.1", 0);
                BedrockRuntimeClient client =
                        BedrockRuntimeClient.builder()
                                .region(Region.US_EAST_1)
                                .endpointOverride(emulator.endpoint())
                                .credentialsProvider(chain)
                                .httpClientBuilder(UrlConnectionHttpClient.builder())
                                .build()) {
            SdkClientException failure =
                    assertThrows(
                            SdkClientException.class,
                            () ->
                                    client.converse(
                                            r ->
                                                    r.modelId("us.amazon.nova-micro-v1:0")
                                                            .messages(
                                                                    m ->
                                                                            m.role("user")
                                                                                    .content(
                                                                                            c ->
                                                                                                    c
                                                                                                            .text(
                                                                                                                    "Hi")))));
            ModelFeatures row = FeatureMatrix.load().find("amazon.nova-micro-v1:0").orElseThrow();
            ModelSpec model =
                    new ModelSpec(
                            "nova-micro",
                            "us.amazon.nova-micro-v1:0",
                            row.provider(),
                            row.maxOutputTokens(),
                            row.contextTokens(),
                            ModelSpec.Capabilities.of(row));
            // The settings are only read for region-specific advice, which this path does not give.
            ParleyException mapped = new BedrockErrors(null).translate(failure, model);
            assertEquals(ErrorCode.MODEL_UNAVAILABLE, mapped.code());
            assertTrue(
                    mapped.getMessage().contains("no AWS credentials were found for Bedrock"),
                    mapped.getMessage());
            assertTrue(mapped.getMessage().contains("execution role"), mapped.getMessage());
        }
    }
}
