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
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v1/keys} against DynamoDB Local: the secret once, ownership, admins, rights a key can grant. */
@QuarkusTest
@TestProfile(KeysProfile.class)
class KeyRoutesTest {

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aKeyIsShownOnceAndListedWithoutItsSecret() {
        String alice = user("alice");
        ProxyResult created =
                as(
                        alice,
                        "POST",
                        "/v1/keys",
                        Map.of(
                                "name",
                                "laptop",
                                "models",
                                List.of("nova-micro"),
                                "rpm",
                                60,
                                "tpm",
                                100000,
                                "dailyTokens",
                                1000000,
                                "monthlyUsd",
                                50,
                                "expiresAt",
                                "2099-01-31T00:00:00Z"));
        assertEquals(201, created.status(), created.toString());
        JsonNode key = created.body();
        String secret = key.path("key").asText();
        assertTrue(secret.matches("pk_[a-z0-9]{16}[A-Za-z0-9_-]{43}"), secret);
        assertEquals(alice, key.path("owner").asText());
        assertEquals("/v1/keys/" + key.path("id").asText(), created.header("Location"));
        assertEquals(
                List.of("nova-micro"), List.of(key.path("limits").path("models").get(0).asText()));
        assertEquals(60, key.path("limits").path("rpm").asInt());
        assertEquals("2099-01-31T00:00:00Z", key.path("expiresAt").asText());

        ProxyResult listed = as(alice, "GET", "/v1/keys", null);
        assertEquals(200, listed.status(), listed.toString());
        assertEquals(1, listed.body().path("keys").size());
        JsonNode item = listed.body().path("keys").get(0);
        assertEquals(key.path("id").asText(), item.path("id").asText());
        assertTrue(secret.startsWith(item.path("prefix").asText()), item.toString());
        assertFalse(listed.toString().contains(secret.substring(19)), "no secret in a listing");
        assertTrue(item.path("key").isMissingNode());

        ProxyResult one = as(alice, "GET", "/v1/keys/" + key.path("id").asText(), null);
        assertEquals(200, one.status(), one.toString());
        assertEquals(0, one.body().path("usage").path("calls").asInt());
        assertFalse(one.toString().contains(secret.substring(19)));
    }

    @Test
    void anotherOwnersKeyIsNotFoundForEveryVerb() {
        String alice = user("alice");
        String bob = user("bob");
        createKey(alice, Map.of("name", "alice's"));
        String id =
                as(alice, "GET", "/v1/keys", null).body().path("keys").get(0).path("id").asText();

        assertEquals(0, as(bob, "GET", "/v1/keys", null).body().path("keys").size());
        assertEquals(404, as(bob, "GET", "/v1/keys/" + id, null).status());
        ProxyResult patch = as(bob, "PATCH", "/v1/keys/" + id, Map.of("name", "mine now"));
        assertEquals(404, patch.status(), patch.toString());
        assertEquals("not_found", patch.errorCode());
        assertEquals(404, as(bob, "DELETE", "/v1/keys/" + id, null).status());
        // A non-admin naming another owner is refused outright.
        ProxyResult listOther = as(bob, "GET", "/v1/keys?owner=" + alice, null);
        assertEquals(403, listOther.status(), listOther.toString());
        assertEquals("forbidden", listOther.errorCode());
        // Still alice's, unchanged.
        assertEquals(
                "alice's", as(alice, "GET", "/v1/keys/" + id, null).body().path("name").asText());
    }

    @Test
    void anAdminManagesAnyOwnersKeys() {
        String alice = user("alice");
        String admin = user("admin");
        ProxyResult created =
                asAdmin(
                        admin,
                        "POST",
                        "/v1/keys?owner=" + alice,
                        Map.of("name", "issued", "rpm", 10));
        assertEquals(201, created.status(), created.toString());
        assertEquals(alice, created.body().path("owner").asText());
        String id = created.body().path("id").asText();
        assertEquals(
                1,
                asAdmin(admin, "GET", "/v1/keys?owner=" + alice, null).body().path("keys").size());
        // The owner may narrow what an admin issued, not widen it.
        ProxyResult widen = as(alice, "PATCH", "/v1/keys/" + id, Map.of("rpm", 1000));
        assertEquals(403, widen.status(), widen.toString());
        ProxyResult remove =
                as(
                        alice,
                        "PATCH",
                        "/v1/keys/" + id,
                        java.util.Collections.singletonMap("rpm", null));
        assertEquals(403, remove.status(), remove.toString());
        assertEquals(
                200,
                as(alice, "PATCH", "/v1/keys/" + id, Map.of("rpm", 5, "name", "narrower"))
                        .status());
        ProxyResult patched = asAdmin(admin, "PATCH", "/v1/keys/" + id, Map.of("rpm", 100));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(100, patched.body().path("limits").path("rpm").asInt());
        assertEquals("narrower", patched.body().path("name").asText());
        assertEquals(204, asAdmin(admin, "DELETE", "/v1/keys/" + id, null).status());
        assertEquals(0, as(alice, "GET", "/v1/keys", null).body().path("keys").size());
    }

    @Test
    void theBootstrapKeyIsAnAdminThatMintsAdminKeys() {
        String alice = user("alice");
        ProxyResult minted =
                withKey(
                        "POST",
                        "/v1/keys?owner=" + alice,
                        Map.of("name", "ops", "admin", true),
                        KeysProfile.BOOTSTRAP_KEY);
        assertEquals(201, minted.status(), minted.toString());
        assertTrue(minted.body().path("admin").asBoolean());
        String adminKey = minted.body().path("key").asText();
        // That admin key can manage bob's keys; a user cannot mint an admin key.
        String bob = user("bob");
        assertEquals(
                201,
                withKey("POST", "/v1/keys?owner=" + bob, Map.of("name", "for bob"), adminKey)
                        .status());
        ProxyResult refused = as(bob, "POST", "/v1/keys", Map.of("name", "sneaky", "admin", true));
        assertEquals(403, refused.status(), refused.toString());
    }

    @Test
    void aKeyCannotMintAWiderKey() {
        String alice = user("alice");
        String narrow =
                createKey(
                        alice,
                        Map.of(
                                "name",
                                "narrow",
                                "models",
                                List.of("nova-micro"),
                                "rpm",
                                50,
                                "expiresAt",
                                "2099-01-01T00:00:00Z"));
        List<Map<String, Object>> wider = new ArrayList<>();
        wider.add(Map.of("name", "no models", "rpm", 50, "expiresAt", "2098-01-01T00:00:00Z"));
        wider.add(
                Map.of(
                        "name",
                        "other model",
                        "models",
                        List.of("nova-lite"),
                        "rpm",
                        50,
                        "expiresAt",
                        "2098-01-01T00:00:00Z"));
        wider.add(
                Map.of(
                        "name",
                        "no rpm",
                        "models",
                        List.of("nova-micro"),
                        "expiresAt",
                        "2098-01-01T00:00:00Z"));
        wider.add(
                Map.of(
                        "name",
                        "more rpm",
                        "models",
                        List.of("nova-micro"),
                        "rpm",
                        51,
                        "expiresAt",
                        "2098-01-01T00:00:00Z"));
        wider.add(Map.of("name", "never expires", "models", List.of("nova-micro"), "rpm", 50));
        wider.add(
                Map.of(
                        "name",
                        "admin",
                        "models",
                        List.of("nova-micro"),
                        "rpm",
                        50,
                        "admin",
                        true,
                        "expiresAt",
                        "2098-01-01T00:00:00Z"));
        for (Map<String, Object> body : wider) {
            ProxyResult refused = withKey("POST", "/v1/keys", body, narrow);
            assertEquals(403, refused.status(), body + " -> " + refused);
            assertEquals("forbidden", refused.errorCode());
        }
        ProxyResult ok =
                withKey(
                        "POST",
                        "/v1/keys",
                        Map.of(
                                "name",
                                "narrower",
                                "models",
                                List.of("nova-micro"),
                                "rpm",
                                2,
                                "expiresAt",
                                "2098-01-01T00:00:00Z"),
                        narrow);
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(alice, ok.body().path("owner").asText());
    }

    @Test
    void unknownFieldsAreStoredNowhereAndNamedInAWarning() {
        String alice = user("alice");
        ProxyResult created =
                as(
                        alice,
                        "POST",
                        "/v1/keys",
                        Map.of("name", "laptop", "rpms", 5, "temperature", 1));
        assertEquals(201, created.status(), created.toString());
        // No inferenceConfig on this route: no hint pointing at one.
        assertEquals(
                "unknown field(s) ignored: rpms, temperature",
                sorted(created.header("X-Parley-Warning")));
        assertTrue(
                created.body().path("limits").path("rpm").isMissingNode()
                        || created.body().path("limits").path("rpm").isNull(),
                created.toString());

        String id = created.body().path("id").asText();
        ProxyResult changed = as(alice, "PATCH", "/v1/keys/" + id, Map.of("rpm", 7, "admin", true));
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("unknown field(s) ignored: admin", changed.header("X-Parley-Warning"));
        assertFalse(changed.body().path("admin").asBoolean(), changed.toString());

        ProxyResult clean = as(alice, "PATCH", "/v1/keys/" + id, Map.of("rpm", 6));
        assertEquals(200, clean.status(), clean.toString());
        assertNull(clean.header("X-Parley-Warning"), clean.toString());
    }

    /** The warning with its names in order (a JSON object's field order is the client's). */
    private static String sorted(String warning) {
        String prefix = "unknown field(s) ignored: ";
        assertTrue(warning != null && warning.startsWith(prefix), String.valueOf(warning));
        return prefix
                + String.join(
                        ", ",
                        new java.util.TreeSet<>(
                                List.of(warning.substring(prefix.length()).split(", "))));
    }

    @Test
    void badBodiesAreValidationErrorsNamingTheField() {
        String alice = user("alice");
        Map<Object, String> cases =
                Map.of(
                        Map.of("rpm", 5), "name",
                        Map.of("name", "x", "rpm", -1), "rpm",
                        Map.of("name", "x", "tpm", "many"), "tpm",
                        Map.of("name", "x", "models", List.of("gpt-9")), "models",
                        Map.of("name", "x", "expiresAt", "tomorrow"), "expiresAt",
                        Map.of("name", "x", "expiresAt", "2001-01-01T00:00:00Z"), "expiresAt",
                        Map.of("name", "x".repeat(200)), "name",
                        Map.of("name", "x", "monthlyUsd", 0), "monthlyUsd");
        cases.forEach(
                (body, field) -> {
                    ProxyResult result = as(alice, "POST", "/v1/keys", body);
                    assertEquals(400, result.status(), body + " -> " + result);
                    assertTrue(result.errorMessage().contains(field), result.errorMessage());
                });
        assertEquals("bad_request", as(alice, "POST", "/v1/keys", "[1]").errorCode());
        assertEquals(
                0,
                as(alice, "GET", "/v1/keys", null).body().path("keys").size(),
                "nothing was stored");
        assertEquals(404, as(alice, "GET", "/v1/keys/..%2F..%2Fetc", null).status());
        assertNull(
                as(alice, "GET", "/v1/keys/zzzzzzzzzzzzzzzz", null)
                        .body()
                        .path("keys")
                        .textValue());
    }
}
