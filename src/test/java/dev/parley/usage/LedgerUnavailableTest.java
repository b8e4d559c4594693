package dev.parley.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger's table does not exist (real DynamoDB Local answering ResourceNotFound): model calls
 * still answer, once each, and the failure is logged and counted; budgets cannot be read and do
 * not block; the usage route says the store is unavailable.
 */
@QuarkusTest
@TestProfile(LedgerUnavailableTest.Profile.class)
class LedgerUnavailableTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.usage.table-name", "no-such-usage-table");
        }
    }

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    @Test
    void aFailedLedgerWriteNeverFailsOrRepeatsTheRequest() {
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    "ledgerless",
                                    Lambda.http(
                                            "POST",
                                            "/v1/summarize",
                                            Map.of(
                                                    "text",
                                                    "A text whose usage cannot be recorded."))));
            assertEquals(200, result.status(), result.toString());
            assertTrue(result.body().path("summary").asText().length() > 0);
            assertEquals(1, Emulator.control().calls().size(), "the model was called once");
            assertEquals(
                    1, emf.declaring("LedgerWriteFailures").size(), "the lost write is counted");
            assertEquals(
                    1, emf.declaring("ModelCalls").size(), "the call's own metrics still go out");
        }
    }

    @Test
    void chatStillStoresItsTurn() {
        ProxyResult result =
                Lambda.invoke(
                        Lambda.as(
                                "ledgerless",
                                Lambda.http("POST", "/v1/chat", Map.of("message", "Hello"))));
        assertEquals(201, result.status(), result.toString());
        String id = result.body().path("conversationId").asText();
        ProxyResult stored =
                Lambda.invoke(
                        Lambda.as(
                                "ledgerless", Lambda.http("GET", "/v1/conversations/" + id, null)));
        assertEquals(2, stored.body().path("messages").size(), stored.toString());
    }

    @Test
    void anUnreadableLedgerDoesNotBlockABudgetedCaller() {
        for (String ignored : List.of("first", "second", "third")) {
            ProxyResult result =
                    Lambda.invoke(
                            Lambda.as(
                                    "budget-daily",
                                    Lambda.http(
                                            "POST",
                                            "/v1/summarize",
                                            Map.of("text", "A budgeted text"))));
            assertEquals(200, result.status(), result.toString());
        }
    }

    @Test
    void theUsageRouteAnswers503() {
        ProxyResult result =
                Lambda.invoke(Lambda.as("ledgerless", Lambda.http("GET", "/v1/usage", null)));
        assertEquals(503, result.status(), result.toString());
        assertEquals("store_unavailable", result.errorCode());
    }
}
