package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ModelSpec;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Long documents: split into chunks sized from the model's context window (capped at 1000 tokens =
 * 4000 characters in tests), summarized concurrently, then combined.
 */
@QuarkusTest
class MapReduceTest {
    @Inject S3Client s3;
    @Inject MapReduceSummarizer summarizer;

    private String owner;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
    }

    @AfterEach
    void noLatency() {
        Emulator.control().reset();
    }

    /** {@code sections} paragraphs of about 3,800 characters: each fills one chunk on its own. */
    static String longText(int sections) {
        StringBuilder text = new StringBuilder();
        for (int s = 1; s <= sections; s++) {
            StringBuilder paragraph = new StringBuilder();
            for (int i = 1; paragraph.length() < 3_700; i++) {
                paragraph
                        .append("Section ")
                        .append(s)
                        .append(" reports finding ")
                        .append(i)
                        .append(" about the river project and its budget. ");
            }
            text.append(paragraph.toString().strip()).append("\n\n");
        }
        return text.toString().strip();
    }

    private JsonNode summarize(String name, String text) {
        String key = "uploads/" + owner + "/" + name;
        Uploads.Invocation result =
                Uploads.invoke(
                        Uploads.s3Event(
                                key, Uploads.put(s3, key, "text/plain", text), text.length()));
        assertEquals(200, result.status(), result.toString());
        return Uploads.get(owner, key).body();
    }

    @Test
    void aLongTextIsSummarizedByConcurrentChunkCallsAndOneCombineCall() {
        // Each call takes 300 ms: four chunk calls in sequence would take 1.2 s before the combine
        // call.
        Emulator.control().latency(300, 0);
        JsonNode document = summarize("report.txt", longText(4));
        assertEquals("done", document.path("status").asText(), document.toString());
        assertEquals(4, document.path("chunks").asInt());
        assertEquals(5, document.path("modelCalls").asInt());

        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(5, calls.size());
        for (int part = 1; part <= 4; part++) {
            String expected = "part " + part + " of 4";
            assertEquals(
                    1, calls.stream().filter(c -> prompt(c).contains(expected)).count(), expected);
        }
        JsonNode combine = calls.get(4);
        assertTrue(
                prompt(combine).contains("summaries of consecutive parts of one document"),
                prompt(combine));
        String combined = prompt(combine);
        assertTrue(
                combined.indexOf("Section 1 ") < combined.indexOf("Section 4 "),
                "part summaries in order");
        // The chunk calls ran side by side: one of them arrived while others were still being
        // answered
        // (counted by the emulator), which sequential calls never do.
        int most =
                calls.subList(0, 4).stream()
                        .mapToInt(c -> c.path("inFlight").asInt())
                        .max()
                        .orElseThrow();
        assertTrue(most > 1, "chunk calls overlapped: at most " + most + " in flight");
        for (JsonNode call : calls) {
            assertEquals(1024, call.at("/body/inferenceConfig/maxTokens").asInt());
        }
        assertTrue(document.at("/usage/inputTokens").asInt() > 3 * 3_700 / 4, document.toString());
    }

    @Test
    void manyPartSummariesAreCombinedInRounds() {
        // 24 part summaries do not fit one combine prompt of 4000 characters: they are combined in
        // groups first.
        JsonNode document = summarize("book.txt", longText(24));
        assertEquals("done", document.path("status").asText(), document.toString());
        assertEquals(24, document.path("chunks").asInt());
        List<JsonNode> calls = Emulator.control().calls();
        long combines =
                calls.stream()
                        .filter(c -> prompt(c).contains("summaries of consecutive parts"))
                        .count();
        assertTrue(combines >= 3, "group combines plus the final one: " + combines);
        assertEquals(24 + combines, calls.size());
        assertEquals(calls.size(), document.path("modelCalls").asInt());
        assertTrue(prompt(calls.get(calls.size() - 1)).contains("summaries of consecutive parts"));
    }

    @Test
    void aTextNeedingMoreChunksThanAllowedFailsWithoutModelCalls() {
        JsonNode document = summarize("endless.txt", longText(65));
        assertEquals("failed", document.path("status").asText(), document.toString());
        assertEquals("payload_too_large", document.at("/error/code").asText());
        assertTrue(
                document.at("/error/message").asText().contains("needs 65 chunks"),
                document.toString());
        assertTrue(Emulator.control().calls().isEmpty());
    }

    @Test
    void anEmptySummaryFailsTheDocumentAsAModelError() {
        Emulator.control().scriptText(null, "");
        JsonNode document =
                summarize(
                        "blank-answer.txt",
                        "The river festival returns this weekend. Trams run all night.");
        assertEquals("failed", document.path("status").asText(), document.toString());
        assertEquals("model_error", document.at("/error/code").asText(), document.toString());
        assertTrue(
                document.at("/error/message").asText().contains("empty summary"),
                document.toString());
        assertTrue(
                document.path("summary").isMissingNode() || document.path("summary").isNull(),
                document.toString());
    }

    @Test
    void chunkSizeComesFromTheContextWindowCappedByMaxChunkTokens() {
        assertEquals(
                500 * 4,
                summarizer.chunkChars(spec(1_000)),
                "half of a 1,000-token window, 4 characters a token");
        assertEquals(
                1000 * 4, summarizer.chunkChars(spec(128_000)), "capped at 1,000 tokens in tests");
    }

    private static ModelSpec spec(int contextTokens) {
        return new ModelSpec(
                "m",
                "m",
                "amazon",
                1024,
                contextTokens,
                new ModelSpec.Capabilities(true, true, true, true));
    }

    private static String prompt(JsonNode call) {
        return call.at("/body/messages/0/content/0/text").asText();
    }
}
