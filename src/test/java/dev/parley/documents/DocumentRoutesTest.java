package dev.parley.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** GET /v1/documents and /v1/documents/{key}: the caller's documents only, paged, with clear 4xx answers. */
@QuarkusTest
class DocumentRoutesTest {
    @Inject S3Client s3;

    private String owner;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        owner = "user-" + UUID.randomUUID();
    }

    private String summarize(String user, String name, String eventTime) {
        String key = "uploads/" + user + "/" + name;
        ObjectNode event =
                Uploads.s3Event(
                        key,
                        Uploads.put(s3, key, "text/plain", DocumentEventsTest.TEXT),
                        DocumentEventsTest.TEXT.length());
        ((ObjectNode) event.at("/Records/0")).put("eventTime", eventTime);
        Uploads.Invocation result = Uploads.invoke(event);
        assertEquals(
                "summarized", result.body().at("/objects/0/outcome").asText(), result.toString());
        return key;
    }

    @Test
    void anotherCallersDocumentIsInvisible() {
        String key = summarize(owner, "private.txt", "2026-11-22T10:00:00Z");
        String intruder = "intruder-" + UUID.randomUUID();

        Lambda.ProxyResult theirs = Uploads.get(intruder, key);
        assertEquals(404, theirs.status());
        assertEquals("not_found", theirs.errorCode());
        assertEquals(0, Uploads.list(intruder, "").body().path("documents").size());
        assertEquals(
                404,
                Lambda.get("/v1/documents/" + key).status(),
                "anonymous is nobody's owner here");

        JsonNode mine = Uploads.get(owner, key).body();
        assertEquals(owner, mine.path("owner").asText());
        assertEquals(1, Uploads.list(owner, "").body().path("documents").size());
    }

    @Test
    void listingIsNewestFirstAndPagesWithAnOwnerBoundCursor() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(summarize(owner, "doc-" + i + ".txt", "2026-11-22T10:0" + i + ":00Z"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    Uploads.list(owner, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                            .body();
            page.path("documents").forEach(d -> seen.add(d.path("key").asText()));
            cursor = page.path("nextCursor").asText(null);
            pages++;
            if (cursor != null) {
                // The cursor pages the caller's own list only: another caller gets their own
                // (empty) page.
                assertEquals(
                        0,
                        Uploads.list("someone-else", "?limit=2&cursor=" + cursor)
                                .body()
                                .path("documents")
                                .size());
            }
        } while (cursor != null && pages < 10);
        List<String> newestFirst = new ArrayList<>(keys);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertTrue(pages >= 3, "pages of two: " + pages);
    }

    @Test
    void badListingParametersAreNamed400s() {
        Lambda.ProxyResult limit = Uploads.list(owner, "?limit=0");
        assertEquals(400, limit.status());
        assertEquals("validation_error", limit.errorCode());
        assertTrue(
                limit.errorMessage().contains("limit must be an integer between 1 and 100"),
                limit.errorMessage());
        for (String cursor : List.of("!!!", "bm90LWpzb24", "eyJ0IjoieCIsInAiOiJ5IiwicyI6InoifQ")) {
            Lambda.ProxyResult result = Uploads.list(owner, "?cursor=" + cursor);
            assertEquals(400, result.status(), cursor + ": " + result);
            assertEquals("cursor is not a cursor returned by this listing", result.errorMessage());
        }
    }

    @Test
    void keyMayBeSentWithEncodedSlashes() {
        String key = summarize(owner, "folder/inner notes.txt", "2026-11-22T10:00:00Z");
        String encoded =
                java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
        Lambda.ProxyResult result =
                Lambda.invoke(
                        Lambda.as(owner, Lambda.http("GET", "/v1/documents/" + encoded, null)));
        assertEquals(200, result.status(), result.toString());
        assertEquals(key, result.body().path("key").asText());
    }

    @Test
    void unknownOrImpossibleKeysAre404() {
        assertEquals(404, Uploads.get(owner, "uploads/" + owner + "/never-uploaded.txt").status());
        Lambda.ProxyResult huge =
                Uploads.get(owner, "uploads/" + owner + "/" + "x".repeat(2000) + ".txt");
        assertEquals(404, huge.status(), huge.toString());
        assertTrue(huge.errorMessage().length() < 300, "the message does not echo the whole key");
        assertEquals(
                405,
                Lambda.invoke(Lambda.as(owner, Lambda.http("DELETE", "/v1/documents/x", null)))
                        .status());
    }

    @Test
    void documentsNeverShowUpAmongConversations() {
        summarize(owner, "not-a-conversation.txt", "2026-11-22T10:00:00Z");
        JsonNode conversations =
                Lambda.invoke(Lambda.as(owner, Lambda.http("GET", "/v1/conversations", null)))
                        .body();
        assertEquals(0, conversations.path("conversations").size(), conversations.toString());
        assertFalse(Uploads.list(owner, "").body().path("documents").isEmpty());
    }
}
