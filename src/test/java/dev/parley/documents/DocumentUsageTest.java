package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.UsageLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** A document summary's model calls are charged to the document's owner, and the object is counted as processed. */
@QuarkusTest
class DocumentUsageTest {

    @Inject S3Client s3;
    @Inject UsageLedger ledger;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void theOwnerPaysForTheSummary() {
        String owner = "owner-" + UUID.randomUUID();
        String key = "uploads/" + owner + "/report.txt";
        byte[] body = DocumentEventsTest.TEXT.getBytes(StandardCharsets.UTF_8);
        String eTag = Uploads.put(s3, key, "text/plain", body);
        try (EmfCapture emf = EmfCapture.start()) {
            Uploads.Invocation result = Uploads.invoke(Uploads.s3Event(key, eTag, body.length));
            assertEquals(
                    "summarized",
                    result.body().at("/objects/0/outcome").asText(),
                    result.toString());
            JsonNode processed = emf.declaring("DocumentsProcessed").get(0);
            assertEquals("summarized", processed.path("Outcome").asText());
        }
        JsonNode document = Uploads.get(owner, key).body();
        List<LedgerEntry> entries = ledger.day(owner, LocalDate.now(ZoneOffset.UTC));
        assertEquals(1, entries.size(), entries.toString());
        LedgerEntry entry = entries.get(0);
        assertEquals(document.path("model").asText(), entry.model());
        assertEquals(document.path("modelCalls").asLong(), entry.totals().calls());
        assertEquals(document.at("/usage/inputTokens").asLong(), entry.totals().inputTokens());
        assertEquals(document.at("/usage/outputTokens").asLong(), entry.totals().outputTokens());
        // The uploader is charged, not the function's identity or an anonymous caller.
        assertEquals(List.of(), ledger.day("anonymous-" + owner, LocalDate.now(ZoneOffset.UTC)));
    }
}
