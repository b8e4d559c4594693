package dev.parley.keys;

import static dev.parley.keys.KeyCalls.as;
import static dev.parley.keys.KeyCalls.asAdmin;
import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/usage?by=owner}: every owner's totals for an admin, paged like the other listings,
 * read from the byOwner index of DynamoDB Local through the real SDK; refused to everyone else.
 * And a caller's own rows by key, paged when asked.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class UsageByOwnerTest {
    @Inject AfterResponse afterResponse;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void anAdminPagesThroughEveryOwnersTotals() {
        // Owners that sort together, so that a page boundary falls between them.
        String run = "byowner-" + UUID.randomUUID();
        String alice = run + "-alice";
        String bob = run + "-bob";
        String carol = run + "-carol";
        String bobsKey = createKey(bob, Map.of("name", "laptop"));
        summarize(alice, null, 2);
        summarize(bob, null, 1);
        summarize(bob, bobsKey, 2);
        summarize(carol, null, 3);
        afterResponse.drain();

        Map<String, JsonNode> seen = new HashMap<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ProxyResult page =
                    asAdmin(
                            "admin-" + run,
                            "GET",
                            "/v1/usage?by=owner&limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            null);
            assertEquals(200, page.status(), page.toString());
            JsonNode owners = page.body().path("owners");
            assertTrue(owners.size() <= 2, page.toString());
            owners.forEach(
                    row -> {
                        assertNull(
                                seen.put(row.path("owner").asText(), row),
                                "an owner appears on one page only: " + row);
                        order.add(row.path("owner").asText());
                    });
            cursor =
                    page.body().path("nextCursor").isTextual()
                            ? page.body().path("nextCursor").asText()
                            : null;
        } while (cursor != null && ++pages < 1_000);
        assertNull(cursor, "the listing ends");
        assertEquals(order.stream().sorted().toList(), order, "owners come in order");

        assertEquals(2, seen.get(alice).path("calls").asInt(), seen.get(alice).toString());
        assertEquals(
                3,
                seen.get(bob).path("calls").asInt(),
                "a key's calls are its owner's: " + seen.get(bob));
        assertEquals(3, seen.get(carol).path("calls").asInt(), seen.get(carol).toString());
        // The same totals as the owner's own report.
        JsonNode own = as(carol, "GET", "/v1/usage", null).body().path("total");
        assertEquals(
                own.path("totalTokens").asLong(), seen.get(carol).path("totalTokens").asLong());
        assertEquals(
                own.path("estimatedCostUsd").decimalValue(),
                seen.get(carol).path("estimatedCostUsd").decimalValue());
        assertTrue(seen.get(carol).path("inputTokens").asLong() > 0);
    }

    @Test
    void theBootstrapKeyMayReadEveryOwnerToo() {
        String alice = "byowner-" + UUID.randomUUID();
        summarize(alice, null, 1);
        afterResponse.drain();
        ProxyResult page =
                withKey("GET", "/v1/usage?by=owner&limit=100", null, KeysProfile.BOOTSTRAP_KEY);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().has("nextCursor"), page.toString());
    }

    @Test
    void everyoneElseIsRefusedAndBadPagesAreNamed() {
        String bob = "byowner-" + UUID.randomUUID();
        ProxyResult refused = as(bob, "GET", "/v1/usage?by=owner", null);
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("forbidden", refused.body().path("error").path("code").asText());
        assertTrue(
                refused.body().path("error").path("message").asText().contains("by=owner"),
                refused.toString());
        // A key of a non-admin is refused as its owner is.
        String key = createKey(bob, Map.of("name", "ci"));
        assertEquals(403, withKey("GET", "/v1/usage?by=owner", null, key).status());

        Set<String> refusals = new HashSet<>();
        for (String query :
                List.of(
                        "by=owner&cursor=%21%21",
                        "by=owner&cursor=",
                        "by=owner&limit=0",
                        "by=owner&limit=101",
                        "by=owner&owner=" + bob,
                        "by=owners")) {
            ProxyResult bad = asAdmin("admin", "GET", "/v1/usage?" + query, null);
            assertEquals(400, bad.status(), query + ": " + bad);
            assertEquals("validation_error", bad.body().path("error").path("code").asText(), query);
            refusals.add(bad.body().path("error").path("message").asText());
        }
        assertFalse(refusals.stream().anyMatch(String::isBlank), refusals.toString());
    }

    @Test
    void aCallersRowsByKeyArePagedWhenAsked() {
        String owner = "bykey-" + UUID.randomUUID();
        String laptop = createKey(owner, Map.of("name", "laptop"));
        String ci = createKey(owner, Map.of("name", "ci"));
        summarize(owner, null, 1);
        summarize(owner, laptop, 1);
        summarize(owner, ci, 2);
        afterResponse.drain();

        JsonNode whole = as(owner, "GET", "/v1/usage?by=key", null).body();
        assertEquals(3, whole.path("days").size(), "one row per key and one without: " + whole);
        assertFalse(whole.has("nextCursor"), "unpaged unless asked: " + whole);

        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page =
                    as(
                                    owner,
                                    "GET",
                                    "/v1/usage?by=key&limit=2"
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    null)
                            .body();
            assertTrue(page.path("days").size() <= 2, page.toString());
            assertEquals(whole.path("total"), page.path("total"), "every page has the total");
            page.path("days").forEach(rows::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(2, pages);
        List<JsonNode> expected = new ArrayList<>();
        whole.path("days").forEach(expected::add);
        assertEquals(expected, rows, "the pages hold the whole report's rows, in its order");

        ProxyResult bad = as(owner, "GET", "/v1/usage?by=key&cursor=%21%21", null);
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(
                bad.body().path("error").path("message").asText().contains("cursor"),
                bad.toString());
    }

    private static void summarize(String owner, String key, int times) {
        for (int i = 0; i < times; i++) {
            Map<String, String> body =
                    Map.of(
                            "text",
                            "Text number " + i + " for " + owner.length() + " to summarize.");
            ProxyResult done =
                    key == null
                            ? as(owner, "POST", "/v1/summarize", body)
                            : withKey("POST", "/v1/summarize", body, key);
            assertEquals(200, done.status(), done.toString());
        }
    }
}
