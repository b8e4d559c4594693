package dev.parley.keys;

import static dev.parley.keys.KeyCalls.as;
import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What verifying a key costs in DynamoDB, counted on the real client's calls ({@link
 * KeyTableCalls}): one read for a key not seen recently, no write for any refusal and no call at
 * all for a repeated one, and {@code lastUsedAt} stamped after the response at most once a minute.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class KeyVerificationCostTest {
    @Inject MovableClock clock;
    @Inject KeyStore store;

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void refusedKeysWriteNothingAndARepeatedRefusalCostsNoCall() {
        String valid = createKey(user("alice"), Map.of("name", "target"));
        List<String> presented = new ArrayList<>();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 10; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            StringBuilder id = new StringBuilder();
            random.ints(16, 0, 36).forEach(c -> id.append(Character.forDigit(c, 36)));
            presented.add(
                    "pk_"
                            + id
                            + java.util.Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(bytes));
        }
        presented.add(valid.substring(0, 19) + "W".repeat(43)); // a real id, a wrong secret
        KeyTableCalls.reset();
        for (int round = 0; round < 3; round++) {
            for (String key : presented) {
                assertEquals(401, withKey("GET", "/v1/conversations", null, key).status(), key);
            }
        }
        List<KeyTableCalls.Call> calls = KeyTableCalls.on(null);
        assertEquals(
                List.of(), calls.stream().filter(c -> !c.operation().equals("GetItem")).toList());
        // One read per distinct secret; the next two presentations of each cost nothing.
        assertEquals(presented.size(), calls.size(), calls.toString());
    }

    @Test
    void lastUsedAtIsStampedAfterTheResponseAtMostOnceAMinute() {
        String alice = user("alice");
        ProxyResult created = as(alice, "POST", "/v1/keys", Map.of("name", "stamped"));
        String key = created.body().path("key").asText();
        String id = created.body().path("id").asText();
        java.time.Instant start = java.time.Instant.parse("2090-03-01T10:00:00Z");
        try {
            clock.set(start);
            KeyTableCalls.reset();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
            }
            List<KeyTableCalls.Call> calls = KeyTableCalls.on(id);
            assertEquals(
                    List.of(
                            new KeyTableCalls.Call("GetItem", "APIKEY#" + id, false),
                            new KeyTableCalls.Call("UpdateItem", "APIKEY#" + id, true)),
                    calls,
                    "one read on the critical path, one stamp after the response");
            assertEquals(start.toString(), lastUsedAt(alice, id));

            // 40 s on the cache (30 s) has expired and the key is read again, but its stamp is
            // under a minute old: nothing is written.
            clock.set(start.plusSeconds(40));
            KeyTableCalls.reset();
            assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
            assertEquals(
                    List.of(new KeyTableCalls.Call("GetItem", "APIKEY#" + id, false)),
                    KeyTableCalls.on(id));
            // Another instance within the minute: DynamoDB's condition drops its stamp.
            assertFalse(store.stampUsed(id, start.plusSeconds(50), LastUse.AT_MOST_EVERY));

            clock.set(start.plusSeconds(61));
            assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
            assertEquals(start.plusSeconds(61).toString(), lastUsedAt(alice, id));
        } finally {
            clock.reset();
        }
    }

    private static String lastUsedAt(String owner, String id) {
        return as(owner, "GET", "/v1/keys/" + id, null).body().path("lastUsedAt").asText();
    }

    @Test
    void aKeyRevokedOnAnotherInstanceStopsWithinTheCacheTtl() {
        String alice = user("alice");
        ProxyResult created = as(alice, "POST", "/v1/keys", Map.of("name", "elsewhere"));
        String key = created.body().path("key").asText();
        String id = created.body().path("id").asText();
        java.time.Instant start = java.time.Instant.parse("2090-04-01T10:00:00Z");
        try {
            clock.set(start);
            assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
            // Revoked as another instance revokes it: the item goes, this instance is not told.
            assertTrue(store.delete(id, alice));
            clock.set(start.plusSeconds(29));
            assertEquals(
                    200,
                    withKey("GET", "/v1/conversations", null, key).status(),
                    "within the documented 30 s this instance still trusts what it verified");
            // 31 s, not 30: the test clock ticks on from each set, and the first request's own
            // time after its set (its GetItem) may exceed this one's.
            clock.set(start.plusSeconds(31));
            ProxyResult refused = withKey("GET", "/v1/conversations", null, key);
            assertEquals(401, refused.status(), refused.toString());
        } finally {
            clock.reset();
        }
    }
}
