package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** read_document reaches the caller's own uploads in the documents bucket, and nothing else. */
@QuarkusTest
class ReadDocumentToolTest {
    @Inject S3Client s3;

    @ConfigProperty(name = "parley.documents.bucket")
    String bucket;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        s3.putObject(
                p -> p.bucket(bucket).key("uploads/rita/notes/todo.txt"),
                RequestBody.fromString("Buy milk. Call the plumber about the kitchen sink."));
        s3.putObject(
                p -> p.bucket(bucket).key("uploads/rita/photo.bin"),
                RequestBody.fromBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3}));
    }

    private JsonNode readAs(String user, String key) {
        Emulator.control().scriptToolUse(null, "read_document", "{\"key\": \"" + key + "\"}");
        JsonNode body =
                Lambda.invoke(
                                Lambda.as(
                                        user,
                                        Lambda.http(
                                                "POST",
                                                "/v1/tools",
                                                Map.of(
                                                        "message",
                                                        "Read my notes",
                                                        "tools",
                                                        List.of("read_document")))))
                        .body();
        return body.path("toolCalls").get(0);
    }

    @Test
    void readsTheCallersOwnDocument() {
        JsonNode call = readAs("rita", "notes/todo.txt");
        assertEquals("success", call.path("status").asText(), call.toString());
        assertTrue(call.at("/output/text").asText().contains("plumber"));
    }

    @Test
    void anotherCallerCannotReadIt() {
        JsonNode call = readAs("mallory", "notes/todo.txt");
        assertEquals("error", call.path("status").asText());
        assertTrue(call.at("/output/error").asText().contains("no document"), call.toString());
    }

    @Test
    void climbingOutOfTheCallersFolderIsRefused() {
        for (String key :
                List.of(
                        "../rita/notes/todo.txt",
                        "/uploads/rita/notes/todo.txt",
                        "notes/../../rita/x",
                        "notes//todo.txt")) {
            JsonNode call = readAs("mallory", key);
            assertEquals("error", call.path("status").asText(), key);
            assertTrue(
                    call.at("/output/error").asText().contains("not a document name"),
                    call.toString());
        }
    }

    @Test
    void binaryObjectsAreNotReadAsText() {
        JsonNode call = readAs("rita", "photo.bin");
        assertEquals("error", call.path("status").asText());
        assertTrue(
                call.at("/output/error").asText().contains("not a text document"), call.toString());
    }
}
