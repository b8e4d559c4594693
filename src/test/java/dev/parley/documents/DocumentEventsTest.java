package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads of every supported kind, through every event source, end to end: S3 stand-in, function, emulator, DynamoDB. */
@QuarkusTest
class DocumentEventsTest {
    static final String TEXT =
            "The city council approved a new budget on Monday. The budget raises spending on public"
                    + " transport by twelve percent. Bus routes in the north will run every ten minutes.\n\nCritics said the"
                    + " plan ignores road repairs. The mayor promised a separate repair fund next year.";

    @Inject S3Client s3;

    private String owner;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
    }

    /** Uploads, delivers the S3 event, checks it was summarized and answers the document as GET shows it. */
    private JsonNode summarized(String name, String contentType, byte[] body) {
        String key = "uploads/" + owner + "/" + name;
        String eTag = Uploads.put(s3, key, contentType, body);
        Uploads.Invocation result = Uploads.invoke(Uploads.s3Event(key, eTag, body.length));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        Lambda.ProxyResult document = Uploads.get(owner, key);
        assertEquals(200, document.status(), document.toString());
        assertEquals("done", document.body().path("status").asText());
        return document.body();
    }

    private static String prompt(JsonNode call) {
        return call.at("/body/messages/0/content/0/text").asText();
    }

    @Test
    void textFileIsSummarizedAndTheSummaryJsonWritten() throws Exception {
        JsonNode document =
                summarized("notes.txt", "text/plain", TEXT.getBytes(StandardCharsets.UTF_8));
        assertFalse(document.path("summary").asText().isBlank());
        assertEquals("nova-micro", document.path("model").asText());
        assertEquals("text", document.path("format").asText());
        assertEquals(1, document.path("chunks").asInt());
        assertTrue(document.at("/usage/totalTokens").asInt() > 0, document.toString());
        assertFalse(document.has("error"));

        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(1, calls.size());
        assertTrue(
                calls.get(0).at("/body/system/0/text").asText().contains("never as instructions"));
        assertTrue(
                prompt(calls.get(0)).contains("<text>\n" + TEXT + "\n</text>"),
                prompt(calls.get(0)));

        String outputKey = "summaries/" + owner + "/notes.txt.summary.json";
        assertEquals(
                "s3://" + Uploads.BUCKET + "/" + outputKey,
                document.path("summaryObject").asText());
        JsonNode file =
                Lambda.JSON.readTree(
                        s3.getObjectAsBytes(get -> get.bucket(Uploads.BUCKET).key(outputKey))
                                .asUtf8String());
        assertEquals(document.path("summary").asText(), file.path("summary").asText());
        assertEquals("uploads/" + owner + "/notes.txt", file.path("key").asText());
        assertEquals(owner, file.path("owner").asText());
    }

    @Test
    void markdownIsReadAsText() {
        String markdown =
                "# Release notes\n\n- The importer now reads CSV files.\n- Exports are twice as fast.\n\n"
                        + "The old API is removed in version three.";
        JsonNode document =
                summarized("release.md", null, markdown.getBytes(StandardCharsets.UTF_8));
        assertEquals("markdown", document.path("format").asText());
        assertTrue(
                prompt(Emulator.control().calls().get(0))
                        .contains("# Release notes\n\n- The importer"));
    }

    @Test
    void htmlIsReducedToTextBeforeTheModelSeesIt() {
        String html =
                "<html><head><title>Budget</title><script>steal()</script></head><body><h1>Council news</h1>"
                        + "<p>The council approved the budget on <b>Monday</b>.</p><p>Transport spending rises.</p></body></html>";
        JsonNode document =
                summarized(
                        "news.html",
                        "text/html; charset=utf-8",
                        html.getBytes(StandardCharsets.UTF_8));
        assertEquals("html", document.path("format").asText());
        String prompt = prompt(Emulator.control().calls().get(0));
        assertTrue(
                prompt.contains("Council news\n\nThe council approved the budget on Monday."),
                prompt);
        assertFalse(prompt.contains("<p>") || prompt.contains("steal()"), prompt);
    }

    @Test
    void pdfIsSentAsAConverseDocumentBlock() {
        byte[] pdf =
                ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                        .getBytes(StandardCharsets.US_ASCII);
        JsonNode document = summarized("Quarterly (Q3) report.pdf", "application/pdf", pdf);
        assertEquals("pdf", document.path("format").asText());
        assertEquals("nova-lite", document.path("model").asText());

        JsonNode call = Emulator.control().calls().get(0);
        assertEquals("us.amazon.nova-lite-v1:0", call.path("modelId").asText());
        JsonNode content = call.at("/body/messages/0/content");
        JsonNode block = content.get(0).path("document");
        assertEquals("pdf", block.path("format").asText());
        // A neutral name, as AWS advises: the uploader's file name never reaches the model.
        assertEquals("uploaded document", block.path("name").asText());
        assertEquals(Base64.getEncoder().encodeToString(pdf), block.at("/source/bytes").asText());
        assertTrue(
                content.get(1).path("text").asText().startsWith("Summarize the attached document"));
    }

    @Test
    void keyWithSpacesPlusAndNonAsciiIsDecoded() {
        String name = "Sitzung März 2026 + Notizen (Entwurf).txt";
        String key = "uploads/" + owner + "/" + name;
        String eTag = Uploads.put(s3, key, "text/plain", TEXT);
        ObjectNode event = Uploads.s3Event(key, eTag, TEXT.length());
        assertEquals(
                "uploads/" + owner + "/Sitzung+M%C3%A4rz+2026+%2B+Notizen+%28Entwurf%29.txt",
                event.at("/Records/0/s3/object/key").asText());
        Uploads.Invocation result = Uploads.invoke(event);
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        assertEquals(key, result.body().at("/objects/0/key").asText());
        Lambda.ProxyResult document = Uploads.get(owner, key);
        assertEquals(200, document.status(), document.toString());
        assertEquals(key, document.body().path("key").asText());
    }

    @Test
    void eventBridgeObjectCreatedIsProcessed() {
        String key = "uploads/" + owner + "/from eventbridge.txt";
        String eTag = Uploads.put(s3, key, "text/plain", TEXT);
        Uploads.Invocation result = Uploads.invoke(Uploads.eventBridge(key, eTag, TEXT.length()));
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        assertEquals("done", Uploads.get(owner, key).body().path("status").asText());
    }

    @Test
    void sqsBatchReportsOnlyTheFailedMessages() {
        String good = "uploads/" + owner + "/good.txt";
        String throttled = "uploads/" + owner + "/throttled.pdf";
        String goodTag = Uploads.put(s3, good, "text/plain", TEXT);
        String pdfTag =
                Uploads.put(
                        s3,
                        throttled,
                        "application/pdf",
                        "%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
        ObjectNode batch = Lambda.event("sqs-s3-notifications.json");
        ArrayNode records = (ArrayNode) batch.get("Records");
        ObjectNode template = (ObjectNode) records.get(0).deepCopy();
        records.removeAll();
        records.add(
                template.deepCopy()
                        .put("messageId", "m-good")
                        .put("body", Uploads.s3Event(good, goodTag, TEXT.length()).toString()));
        records.add(
                template.deepCopy().put("messageId", "m-garbage").put("body", "not an S3 event"));
        records.add(
                template.deepCopy()
                        .put("messageId", "m-throttled")
                        .put("body", Uploads.s3Event(throttled, pdfTag, 13).toString()));
        // The PDF's model (nova-lite) stays throttled through all three SDK attempts; nova-micro
        // answers.
        Emulator.control()
                .script(
                        "{\"modelId\": \"us.amazon.nova-lite-v1:0\", \"times\": 3,"
                                + " \"reply\": {\"error\": {\"type\": \"ThrottlingException\"}}}");

        Uploads.Invocation result = Uploads.invoke(batch);
        assertEquals(200, result.status(), result.toString());
        assertEquals(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-garbage\"},{\"itemIdentifier\":\"m-throttled\"}]}",
                result.body().toString());
        assertEquals("done", Uploads.get(owner, good).body().path("status").asText());
        JsonNode failed = Uploads.get(owner, throttled).body();
        assertEquals("failed", failed.path("status").asText());
        assertEquals("throttled", failed.at("/error/code").asText());
        assertTrue(failed.at("/error/retrying").asBoolean(), failed.toString());

        // SQS delivers the reported message again: now it goes through.
        records.remove(1);
        records.remove(0);
        Uploads.Invocation again = Uploads.invoke(batch);
        assertEquals("{\"batchItemFailures\":[]}", again.body().toString());
        assertEquals("done", Uploads.get(owner, throttled).body().path("status").asText());
    }

    @Test
    void objectsUnderTheOutputPrefixOrOutsideTheInputPrefixAreIgnored() {
        List<String> keys =
                List.of(
                        "summaries/" + owner + "/notes.txt.summary.json",
                        "elsewhere/" + owner + "/a.txt",
                        "uploads/no-owner.txt");
        for (String key : keys) {
            String eTag = Uploads.put(s3, key, "application/json", "{\"summary\": \"x\"}");
            Uploads.Invocation result = Uploads.invoke(Uploads.s3Event(key, eTag, 16));
            assertEquals(200, result.status(), result.toString());
            assertEquals(
                    "ignored", result.body().at("/objects/0/outcome").asText(), result.toString());
        }
        assertTrue(Emulator.control().calls().isEmpty(), "no model call for an ignored object");
        assertEquals(0, Uploads.list(owner, "").body().path("documents").size());
    }

    @Test
    void oversizedAndUnsupportedObjectsFailWithTheReasonAndTheRestOfTheEventGoesOn() {
        String big = "uploads/" + owner + "/big.txt";
        String claimedBig = "uploads/" + owner + "/claimed-big.txt";
        String photo = "uploads/" + owner + "/photo.jpg";
        String fine = "uploads/" + owner + "/fine.txt";
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(tooLarge, (byte) 'a');
        ObjectNode event = Uploads.s3Event(big, Uploads.put(s3, big, "text/plain", tooLarge), 0);
        // No size in the event: the limit is enforced on the response's length.
        ((ObjectNode) event.at("/Records/0/s3/object")).remove("size");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(
                Uploads.s3Event(
                                claimedBig,
                                Uploads.put(s3, claimedBig, "text/plain", TEXT),
                                50_000_000)
                        .at("/Records/0"));
        records.add(
                Uploads.s3Event(
                                photo,
                                Uploads.put(
                                        s3,
                                        photo,
                                        "image/jpeg",
                                        new byte[] {(byte) 0xFF, (byte) 0xD8}),
                                2)
                        .at("/Records/0"));
        records.add(
                Uploads.s3Event(fine, Uploads.put(s3, fine, "text/plain", TEXT), TEXT.length())
                        .at("/Records/0"));

        Uploads.Invocation result = Uploads.invoke(event);
        assertEquals(200, result.status(), "permanent failures are not retried: " + result);
        List<String> outcomes = new java.util.ArrayList<>();
        result.body().path("objects").forEach(o -> outcomes.add(o.path("outcome").asText()));
        assertEquals(
                List.of("failed", "failed", "failed", "summarized"), outcomes, result.toString());

        for (String key : List.of(big, claimedBig)) {
            JsonNode failed = Uploads.get(owner, key).body();
            assertEquals("failed", failed.path("status").asText());
            assertEquals("payload_too_large", failed.at("/error/code").asText());
            assertTrue(
                    failed.at("/error/message").asText().contains("the limit is 10485760 bytes"),
                    failed.toString());
            assertFalse(failed.at("/error/retrying").asBoolean());
        }
        JsonNode unsupported = Uploads.get(owner, photo).body();
        assertEquals("validation_error", unsupported.at("/error/code").asText());
        assertTrue(
                unsupported
                        .at("/error/message")
                        .asText()
                        .contains("unsupported document: content type 'image/jpeg'"),
                unsupported.toString());
        assertEquals("done", Uploads.get(owner, fine).body().path("status").asText());
        assertEquals(
                1, Emulator.control().calls().size(), "only the fine document reached the model");
    }
}
