package dev.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB failing (here: the table does not exist) answers 503 with a clear message, never a 500. */
@QuarkusTest
@TestProfile(StoreUnavailableTest.Profile.class)
class StoreUnavailableTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.store.table-name", "no-such-table");
        }
    }

    @Test
    void listingAnswers503() {
        ProxyResult result =
                Lambda.invoke(Lambda.as("alice", Lambda.http("GET", "/v1/conversations", null)));
        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
        assertTrue(result.errorMessage().contains("nothing was changed"), result.errorMessage());
    }

    @Test
    void documentListingAnswers503() {
        ProxyResult result =
                Lambda.invoke(Lambda.as("alice", Lambda.http("GET", "/v1/documents", null)));
        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
    }

    @Test
    void chatAnswers503() {
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                "alice", Lambda.http("POST", "/v1/chat", Map.of("message", "hi"))));
        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
    }
}
