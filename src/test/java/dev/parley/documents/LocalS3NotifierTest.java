package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.LocalS3Notifier;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local run's stand-in for the S3 trigger: an upload to the local S3 is announced to the
 * function, which summarizes it, as `aws s3 cp` against the local run does.
 */
@QuarkusTest
class LocalS3NotifierTest {
    @Inject S3Client s3;

    @Test
    void anUploadIsSummarizedWithoutAnyoneSendingAnEvent() throws Exception {
        Emulator.control().reset();
        String owner = "user-" + UUID.randomUUID();
        URI s3Endpoint =
                ConfigProvider.getConfig().getValue("quarkus.s3.endpoint-override", URI.class);
        URI lambdaRuntime =
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        String key = "uploads/" + owner + "/dropped in.md";
        try (LocalS3Notifier notifier =
                LocalS3Notifier.start(
                        s3Endpoint,
                        Uploads.BUCKET,
                        "uploads/" + owner + "/",
                        lambdaRuntime,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1))) {
            Uploads.put(
                    s3,
                    key,
                    null,
                    "# Notes\n\nThe bridge opens in June. Trams run every five minutes.");
            JsonNode document = null;
            for (int i = 0;
                    i < 100
                            && (document == null
                                    || !"done".equals(document.path("status").asText()));
                    i++) {
                Thread.sleep(100);
                document = Uploads.get(owner, key).body();
            }
            assertEquals("done", document.path("status").asText(), String.valueOf(document));
            assertEquals(key, document.path("key").asText());
            assertEquals("markdown", document.path("format").asText());
        }
        assertEquals(1, Emulator.control().calls().size(), "announced once, summarized once");
        assertTrue(Uploads.list(owner, "").body().path("documents").size() == 1);
    }
}
