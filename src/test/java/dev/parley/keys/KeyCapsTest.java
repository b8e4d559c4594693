package dev.parley.keys;

import static dev.parley.keys.KeyCalls.as;
import static dev.parley.keys.KeyCalls.asAdmin;
import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caps a non-admin's keys cannot exceed, against DynamoDB Local: the deployment's, those an admin
 * sets for every owner, and those an admin sets for one owner ({@code /v1/keys/caps}). Key
 * creation and PATCH enforce all three; admins are bound by none.
 */
@QuarkusTest
@TestProfile(KeyCapsProfile.class)
class KeyCapsTest {
    private static final String ADMIN = "caps-admin";

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** The caps for every owner would bind the other tests' keys: none outlives its test. */
    @AfterEach
    void removeEveryOwnersCaps() {
        int status = asAdmin(ADMIN, "DELETE", "/v1/keys/caps", null).status();
        assertTrue(status == 204 || status == 404, "DELETE /v1/keys/caps -> " + status);
    }

    @Test
    void theDeploymentsCapBindsSelfServiceKeysButNotAdmins() {
        String alice = user("alice");
        ProxyResult unlimited = as(alice, "POST", "/v1/keys", Map.of("name", "no tpm"));
        assertEquals(403, unlimited.status(), unlimited.toString());
        assertTrue(unlimited.errorMessage().contains("self-service"), unlimited.errorMessage());
        assertTrue(unlimited.errorMessage().contains("tpm"), unlimited.errorMessage());
        ProxyResult over =
                as(alice, "POST", "/v1/keys", Map.of("name", "too many", "tpm", 500_001));
        assertEquals(403, over.status(), over.toString());
        createKey(alice, Map.of("name", "within", "tpm", 500_000));
        ProxyResult caps = as(alice, "GET", "/v1/keys/caps", null);
        assertEquals(200, caps.status(), caps.toString());
        assertEquals(alice, caps.body().path("owner").asText());
        assertEquals(500_000, caps.body().path("deployment").path("tpm").asLong());
        // An admin is not bound, for itself or for another owner.
        assertEquals(
                201,
                asAdmin(ADMIN, "POST", "/v1/keys?owner=" + alice, Map.of("name", "wide")).status());
    }

    @Test
    void anAdminSetsCapsForEveryOwnerAndForOneThatCreationAndPatchEnforce() {
        String alice = user("alice");
        String bob = user("bob");
        ProxyResult everyone = asAdmin(ADMIN, "PUT", "/v1/keys/caps", Map.of("rpm", 60));
        assertEquals(200, everyone.status(), everyone.toString());
        assertEquals(60, everyone.body().path("caps").path("rpm").asInt());
        ProxyResult noRpm = as(alice, "POST", "/v1/keys", Map.of("name", "x", "tpm", 1000));
        assertEquals(403, noRpm.status(), noRpm.toString());
        assertTrue(noRpm.errorMessage().contains("every owner"), noRpm.errorMessage());
        assertTrue(noRpm.errorMessage().contains("rpm"), noRpm.errorMessage());

        ProxyResult forAlice =
                asAdmin(
                        ADMIN,
                        "PUT",
                        "/v1/keys/caps?owner=" + alice,
                        Map.of("models", List.of("nova-micro"), "monthlyUsd", 5));
        assertEquals(200, forAlice.status(), forAlice.toString());
        assertEquals(alice, forAlice.body().path("owner").asText());
        ProxyResult otherModel =
                as(
                        alice,
                        "POST",
                        "/v1/keys",
                        Map.of(
                                "name",
                                "lite",
                                "tpm",
                                1000,
                                "rpm",
                                30,
                                "monthlyUsd",
                                5,
                                "models",
                                List.of("nova-lite")));
        assertEquals(403, otherModel.status(), otherModel.toString());
        assertTrue(otherModel.errorMessage().contains(alice), otherModel.errorMessage());
        assertTrue(otherModel.errorMessage().contains("nova-lite"), otherModel.errorMessage());
        ProxyResult created =
                as(
                        alice,
                        "POST",
                        "/v1/keys",
                        Map.of(
                                "name",
                                "micro",
                                "tpm",
                                1000,
                                "rpm",
                                30,
                                "monthlyUsd",
                                5,
                                "models",
                                List.of("nova-micro")));
        assertEquals(201, created.status(), created.toString());
        // Bob is bound by the caps for every owner, not by alice's.
        createKey(bob, Map.of("name", "bob's", "tpm", 1000, "rpm", 30));

        // PATCH is held to the same caps (and a non-admin only narrows anyway).
        String id = created.body().path("id").asText();
        ProxyResult wider = as(alice, "PATCH", "/v1/keys/" + id, Map.of("monthlyUsd", 50));
        assertEquals(403, wider.status(), wider.toString());
        ProxyResult renamed = as(alice, "PATCH", "/v1/keys/" + id, Map.of("name", "renamed"));
        assertEquals(200, renamed.status(), renamed.toString());

        // Alice sees what binds her keys.
        ProxyResult caps = as(alice, "GET", "/v1/keys/caps", null);
        assertEquals(60, caps.body().path("everyOwner").path("rpm").asInt(), caps.toString());
        assertEquals("nova-micro", caps.body().path("thisOwner").path("models").get(0).asText());
        assertTrue(as(bob, "GET", "/v1/keys/caps", null).body().path("thisOwner").isMissingNode());

        // Removed, the owner's caps no longer bind.
        assertEquals(204, asAdmin(ADMIN, "DELETE", "/v1/keys/caps?owner=" + alice, null).status());
        assertEquals(404, asAdmin(ADMIN, "DELETE", "/v1/keys/caps?owner=" + alice, null).status());
        createKey(alice, Map.of("name", "lite now", "tpm", 1000, "rpm", 30));
    }

    @Test
    void onlyAdminsSetCapsAndBadCapsAreNamed() {
        String alice = user("alice");
        ProxyResult put = as(alice, "PUT", "/v1/keys/caps", Map.of("rpm", 1_000_000));
        assertEquals(403, put.status(), put.toString());
        assertEquals("forbidden", put.errorCode());
        assertEquals(403, as(alice, "DELETE", "/v1/keys/caps", null).status());
        assertEquals(403, as(alice, "PUT", "/v1/keys/caps?owner=" + alice, Map.of()).status());
        assertEquals(403, as(alice, "GET", "/v1/keys/caps?owner=" + user("bob"), null).status());
        // A key of a non-admin is no admin either.
        String key = createKey(alice, Map.of("name", "k", "tpm", 10));
        assertEquals(403, withKey("PUT", "/v1/keys/caps?owner=" + alice, Map.of(), key).status());

        ProxyResult badRpm = asAdmin(ADMIN, "PUT", "/v1/keys/caps", Map.of("rpm", "many"));
        assertEquals(400, badRpm.status(), badRpm.toString());
        assertTrue(badRpm.errorMessage().contains("rpm"), badRpm.errorMessage());
        ProxyResult badModel =
                asAdmin(ADMIN, "PUT", "/v1/keys/caps", Map.of("models", List.of("no-such")));
        assertEquals(400, badModel.status(), badModel.toString());
        assertTrue(badModel.errorMessage().contains("no-such"), badModel.errorMessage());
        assertEquals(400, asAdmin(ADMIN, "PUT", "/v1/keys/caps?owner=", Map.of()).status());

        // The bootstrap key is an admin: it sets caps too.
        ProxyResult byBootstrap =
                withKey(
                        "PUT",
                        "/v1/keys/caps?owner=" + alice,
                        Map.of("dailyTokens", 1000),
                        KeysProfile.BOOTSTRAP_KEY);
        assertEquals(200, byBootstrap.status(), byBootstrap.toString());
        ProxyResult refused = as(alice, "POST", "/v1/keys", Map.of("name", "y", "tpm", 10));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.errorMessage().contains("dailyTokens"), refused.errorMessage());
    }
}
