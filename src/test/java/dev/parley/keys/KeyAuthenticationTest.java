package dev.parley.keys;

import static dev.parley.keys.KeyCalls.as;
import static dev.parley.keys.KeyCalls.createKey;
import static dev.parley.keys.KeyCalls.event;
import static dev.parley.keys.KeyCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A presented key on every route family: the owner becomes the caller, anything else that claims
 * to be a key is a 401 in the family's error shape (never anonymous), attacks are refused before
 * any lookup, and no secret reaches a log line.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
class KeyAuthenticationTest {
    @jakarta.inject.Inject dev.parley.testing.MovableClock clock;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    synchronized (logged) {
                        logged.add(
                                String.valueOf(record.getMessage())
                                        + " "
                                        + java.util.Arrays.toString(record.getParameters()));
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    @BeforeEach
    void start() {
        Emulator.control().reset();
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aKeyActsAsItsOwnerInEitherHeader() {
        String alice = user("alice");
        String key = createKey(alice, Map.of("name", "sdk"));
        ProxyResult chat = withKey("POST", "/v1/chat", Map.of("message", "hello"), key);
        assertEquals(201, chat.status(), chat.toString());
        String conversation = chat.body().path("conversationId").asText();
        // The conversation is alice's: she reads it with her JWT, and with the key in x-api-key.
        assertEquals(200, as(alice, "GET", "/v1/conversations/" + conversation, null).status());
        ProxyResult viaApiKey =
                Lambda.invoke(
                        event(
                                "GET",
                                "/v1/conversations/" + conversation,
                                null,
                                Map.of("x-api-key", key)));
        assertEquals(200, viaApiKey.status(), viaApiKey.toString());
        // The same key in both headers is one key.
        ProxyResult both =
                Lambda.invoke(
                        event(
                                "GET",
                                "/v1/conversations",
                                null,
                                Map.of("x-api-key", key, "authorization", "Bearer " + key)));
        assertEquals(200, both.status(), both.toString());
        assertEquals(1, both.body().path("conversations").size());
    }

    @Test
    void anythingThatIsNotAValidKeyIs401InTheRouteFamilysShape() {
        String valid = createKey(user("alice"), Map.of("name", "real"));
        String unknown = "pk_" + "a".repeat(16) + "B".repeat(43);
        String wrongSecret = valid.substring(0, 19) + "C".repeat(43);
        List<Map<String, String>> attempts =
                List.of(
                        Map.of("authorization", "Bearer " + unknown),
                        Map.of("authorization", "Bearer " + wrongSecret),
                        Map.of("x-api-key", unknown),
                        Map.of("x-api-key", ""),
                        Map.of("authorization", "Bearer "),
                        Map.of("authorization", "Bearer pk_short"),
                        Map.of("authorization", "Bearer pk_" + "x".repeat(5000)),
                        Map.of("x-api-key", "pk_" + "é".repeat(59)),
                        Map.of("x-api-key", valid, "authorization", "Bearer " + unknown));
        for (Map<String, String> headers : attempts) {
            ProxyResult parley = Lambda.invoke(event("GET", "/v1/conversations", null, headers));
            assertEquals(401, parley.status(), headers.keySet() + " -> " + parley);
            assertEquals("unauthorized", parley.errorCode());
            ProxyResult openAi = Lambda.invoke(event("GET", "/openai/v1/models", null, headers));
            assertEquals(401, openAi.status(), openAi.toString());
            assertEquals(
                    "invalid_api_key",
                    openAi.body().path("error").path("code").asText(),
                    openAi.toString());
            // Open routes too: a presented key must be valid wherever it is presented.
            assertEquals(401, Lambda.invoke(event("GET", "/v1/health", null, headers)).status());
        }
        synchronized (logged) {
            String all = String.join("\n", logged);
            assertTrue(all.contains("API key refused"), "the capture sees the refusals: " + all);
            assertFalse(all.contains(valid.substring(19)), "a secret was logged");
            assertFalse(all.contains(unknown.substring(19)), "a presented secret was logged");
            assertFalse(all.contains(wrongSecret.substring(19)), "a presented secret was logged");
        }
    }

    @Test
    void bearerInAnyCaseOrSpacingAndABareKeyAreTheKeyButNeverAnotherScheme() {
        String alice = user("alice");
        String key = createKey(alice, Map.of("name", "odd headers"));
        for (String header :
                List.of("bearer " + key, "BEARER\t" + key, "  Bearer   " + key + "  ", key)) {
            ProxyResult listed =
                    Lambda.invoke(event("GET", "/v1/keys", null, Map.of("authorization", header)));
            assertEquals(200, listed.status(), header + " -> " + listed);
            assertEquals(alice, listed.body().path("keys").get(0).path("owner").asText(), header);
        }
        // A key under another scheme is refused, not ignored (which would make it anonymous).
        for (String header : List.of("Basic " + key, "Token pk_" + "z".repeat(59))) {
            ProxyResult refused =
                    Lambda.invoke(
                            event(
                                    "GET",
                                    "/v1/conversations",
                                    null,
                                    Map.of("authorization", header)));
            assertEquals(401, refused.status(), refused.toString());
            assertEquals("unauthorized", refused.errorCode());
            assertTrue(refused.errorMessage().contains("Bearer"), refused.errorMessage());
        }
    }

    @Test
    void aKeyInTheQueryStringIsRefusedAndNotUsed() {
        String key = createKey(user("alice"), Map.of("name", "leaky"));
        for (String query : List.of("api_key=" + key, "key=" + key, "token=" + key, "x=" + key)) {
            ProxyResult result =
                    Lambda.invoke(Lambda.http("GET", "/v1/conversations?" + query, null));
            assertEquals(400, result.status(), query + " -> " + result);
            assertTrue(result.errorMessage().contains("query string"), result.errorMessage());
            assertFalse(
                    result.toString().contains(key.substring(19)),
                    "the answer does not echo the key");
        }
    }

    @Test
    void aKeysModelListIsEnforcedOnEveryModelRoute() {
        String key =
                createKey(
                        user("alice"),
                        Map.of("name", "micro only", "models", List.of("nova-micro")));
        assertEquals(
                200,
                withKey("POST", "/v1/summarize", Map.of("text", "Some text to summarize."), key)
                        .status());
        ProxyResult refused =
                withKey(
                        "POST",
                        "/v1/summarize",
                        Map.of("text", "Some text.", "model", "nova-lite"),
                        key);
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("model_not_allowed_for_key", refused.errorCode());
        assertTrue(refused.errorMessage().contains("nova-micro"), refused.errorMessage());
        ProxyResult openAi =
                withKey(
                        "POST",
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-lite",
                                "messages",
                                List.of(Map.of("role", "user", "content", "hi"))),
                        key);
        assertEquals(403, openAi.status(), openAi.toString());
        assertEquals(
                "model_not_allowed_for_key", openAi.body().path("error").path("code").asText());
        // Invoke Model is not a Converse call, but the key's list holds there too (no other model
        // by any route).
        ProxyResult invoke =
                withKey(
                        "POST",
                        "/v1/models/nova-lite/invoke",
                        Map.of(
                                "messages",
                                List.of(
                                        Map.of(
                                                "role",
                                                "user",
                                                "content",
                                                List.of(Map.of("text", "hi"))))),
                        key);
        assertEquals(403, invoke.status(), invoke.toString());
        assertEquals("model_not_allowed_for_key", invoke.errorCode());
    }

    @Test
    void aRevokedKeyStopsAtOnceOnTheInstanceThatRevokedIt() {
        String alice = user("alice");
        String key = createKey(alice, Map.of("name", "short-lived"));
        assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
        String id =
                as(alice, "GET", "/v1/keys", null).body().path("keys").get(0).path("id").asText();
        assertEquals(204, withKey("DELETE", "/v1/keys/" + id, null, key).status());
        ProxyResult after = withKey("GET", "/v1/conversations", null, key);
        assertEquals(401, after.status(), after.toString());
        assertEquals(0, as(alice, "GET", "/v1/keys", null).body().path("keys").size());
    }

    @Test
    void theWebSocketAuthorizerAcceptsAKeyAsItsOwnerAndCarriesItsId() {
        String alice = user("alice");
        String key = createKey(alice, Map.of("name", "socket"));
        String id =
                as(alice, "GET", "/v1/keys", null).body().path("keys").get(0).path("id").asText();
        JsonNode allowed = connect(key);
        assertEquals(alice, allowed.path("principalId").asText(), allowed.toString());
        assertEquals("Allow", allowed.at("/policyDocument/Statement/0/Effect").asText());
        assertEquals(id, allowed.at("/context/keyId").asText());
        JsonNode denied = connect("pk_" + "b".repeat(16) + "C".repeat(43));
        assertEquals(
                "Deny",
                denied.at("/policyDocument/Statement/0/Effect").asText(),
                denied.toString());
        assertEquals(
                "Deny", connect("pk_malformed").at("/policyDocument/Statement/0/Effect").asText());
    }

    private static JsonNode connect(String token) {
        com.fasterxml.jackson.databind.node.ObjectNode event = Lambda.JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/$connect");
        event.putObject("queryStringParameters").put("token", token);
        event.putObject("requestContext").put("routeKey", "$connect").put("eventType", "CONNECT");
        return Lambda.invoke(event).raw();
    }

    @Test
    void anExpiredKeyIsRefused() {
        String key =
                createKey(
                        user("alice"),
                        Map.of("name", "expiring", "expiresAt", "2090-01-01T00:00:00Z"));
        assertEquals(200, withKey("GET", "/v1/conversations", null, key).status());
        try {
            // Past the expiry: the cached verification no longer counts, and DynamoDB's condition
            // refuses it.
            clock.set(java.time.Instant.parse("2090-01-01T00:00:01Z"));
            ProxyResult refused = withKey("GET", "/v1/conversations", null, key);
            assertEquals(401, refused.status(), refused.toString());
        } finally {
            clock.reset();
        }
    }

    @Test
    void usageIsRecordedPerKeyBesideTheOwner() {
        String alice = user("alice");
        String laptop = createKey(alice, Map.of("name", "laptop"));
        String ci = createKey(alice, Map.of("name", "ci"));
        withKey("POST", "/v1/summarize", Map.of("text", "First text to summarize."), laptop);
        withKey(
                "POST",
                "/v1/summarize",
                Map.of("text", "Second text to summarize, a little longer."),
                ci);
        withKey("POST", "/v1/summarize", Map.of("text", "Third text to summarize."), ci);
        as(alice, "POST", "/v1/summarize", Map.of("text", "Without a key."));
        JsonNode byKey = as(alice, "GET", "/v1/usage?by=key", null).body();
        Map<String, Long> calls = new java.util.HashMap<>();
        byKey.path("days")
                .forEach(
                        row ->
                                calls.merge(
                                        row.path("key").asText("none"),
                                        row.path("calls").asLong(),
                                        Long::sum));
        JsonNode keys = as(alice, "GET", "/v1/keys", null).body().path("keys");
        Map<String, String> idByName = new java.util.HashMap<>();
        keys.forEach(k -> idByName.put(k.path("name").asText(), k.path("id").asText()));
        assertEquals(1L, calls.get(idByName.get("laptop")), byKey.toString());
        assertEquals(2L, calls.get(idByName.get("ci")), byKey.toString());
        assertEquals(1L, calls.get("none"), byKey.toString());
        // The default view still has one row per day and model, and the same total.
        JsonNode byModel = as(alice, "GET", "/v1/usage", null).body();
        assertEquals(1, byModel.path("days").size(), byModel.toString());
        assertEquals(4, byModel.path("total").path("calls").asInt());
        assertTrue(byModel.path("days").get(0).path("key").isMissingNode());
        // A key's own month.
        ProxyResult ciKey = as(alice, "GET", "/v1/keys/" + idByName.get("ci"), null);
        assertEquals(2, ciKey.body().path("usage").path("calls").asInt(), ciKey.toString());
        // Another owner's usage is an admin's business only.
        assertEquals(403, as(user("bob"), "GET", "/v1/usage?owner=" + alice, null).status());
        assertEquals(
                4,
                KeyCalls.asAdmin(user("admin"), "GET", "/v1/usage?owner=" + alice, null)
                        .body()
                        .path("total")
                        .path("calls")
                        .asInt());
    }
}
