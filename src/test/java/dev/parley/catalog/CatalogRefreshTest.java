package dev.parley.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.AccountReportStore;
import dev.parley.modelcall.AccountReports;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import dev.parley.testing.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the emulator's control plane announces what AWS would (a model moved to legacy, an
 * end of life), the scheduled refresh ({"parleyTask": "catalog-refresh"}, events/catalog-refresh.json)
 * asks it through the real AWS SDK client and stores the answer in DynamoDB Local, and Parley's
 * answers follow: the model list names the account as the source, a legacy model's responses carry
 * the account's Deprecation / Sunset, the end of life turns into 410 model_retired, and the refresh
 * counts the model in CatalogModelsNeedingAttention (the metric template.yaml's alarm watches).
 * nova-lite has no dates in the feature matrix.
 */
@QuarkusTest
class CatalogRefreshTest {
    private static final String NOVA_LITE = "amazon.nova-lite-v1:0";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Inject MovableClock clock;
    @Inject AccountLifecycles lifecycles;
    @Inject AccountReportStore store;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        clock.set(NOW);
        Emulator.control().setClock(NOW);
    }

    @AfterEach
    void forgetTheReport() {
        // Other tests share the table and this application: they see the matrix's dates only.
        store.save(AccountReports.NONE);
        lifecycles.update(AccountReports.NONE);
        Emulator.control().reset();
        clock.reset();
    }

    private static ProxyResult refresh() {
        return Lambda.invoke(Lambda.event("catalog-refresh.json"));
    }

    @Test
    void aModelTheAccountMovesToLegacyWarnsAndIsCountedThenRetires() {
        Emulator.control()
                .lifecycle(
                        NOVA_LITE,
                        "LEGACY",
                        LocalDate.parse("2026-12-01"),
                        LocalDate.parse("2027-02-01"));
        assertNull(
                Lambda.post(
                                "/v1/summarize",
                                Map.of("text", "Active until the refresh.", "model", "nova-lite"))
                        .header("Deprecation"),
                "the matrix alone says active");

        try (EmfCapture emf = EmfCapture.start()) {
            JsonNode outcome = refresh().raw();
            assertTrue(outcome.path("refreshed").asBoolean(), outcome.toString());
            assertTrue(
                    outcome.path("needingAttention").toString().contains("\"nova-lite\""),
                    outcome.toString());
            List<JsonNode> perModel =
                    emf.declaring("CatalogModelsNeedingAttention").stream()
                            .filter(line -> line.has("Model"))
                            .toList();
            assertTrue(
                    perModel.stream()
                            .anyMatch(line -> line.path("Model").asText().equals("nova-lite")),
                    perModel.toString());
            JsonNode total =
                    emf.declaring("CatalogModelsNeedingAttention").stream()
                            .filter(line -> !line.has("Model"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(perModel.size(), total.path("CatalogModelsNeedingAttention").asInt());
        }

        ProxyResult answer =
                Lambda.post("/v1/summarize", Map.of("text", "Legacy now.", "model", "nova-lite"));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(
                "@" + LocalDate.parse("2026-12-01").atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                answer.header("Deprecation"));
        assertEquals("Mon, 01 Feb 2027 00:00:00 GMT", answer.header("Sunset"));

        JsonNode model = Lambda.get("/v1/models/nova-lite").body();
        assertEquals("legacy", model.path("lifecycle").asText(), model.toString());
        assertEquals("2027-02-01", model.path("eolDate").asText());
        assertEquals(
                "account", model.at("/lifecycleSources/legacyDate").asText(), model.toString());
        assertEquals("account", model.at("/lifecycleSources/eolDate").asText());
        assertEquals("LEGACY", model.at("/account/status").asText());
        assertTrue(model.at("/account/callable").asBoolean());

        clock.set(Instant.parse("2027-02-02T00:00:00Z"));
        ProxyResult retired =
                Lambda.post("/v1/chat", Map.of("message", "Hi", "model", "nova-lite"));
        assertEquals(410, retired.status(), retired.toString());
        assertEquals("model_retired", retired.errorCode());
        assertTrue(retired.errorMessage().contains("2027-02-01"), retired.errorMessage());
    }

    @Test
    void theMatrixDatesStayWhereTheAccountAgreesAndEachSourceIsNamed() {
        refresh();
        JsonNode legacy = Lambda.get("/v1/models/claude-sonnet-4-5").body();
        assertEquals("legacy", legacy.path("lifecycle").asText(), legacy.toString());
        assertEquals("2027-04-08", legacy.path("eolDate").asText());
        assertEquals("matrix", legacy.at("/lifecycleSources/eolDate").asText(), legacy.toString());
        assertEquals("LEGACY", legacy.at("/account/status").asText());
        JsonNode active = Lambda.get("/v1/models/nova-micro").body();
        assertEquals("active", active.path("lifecycle").asText());
        assertTrue(active.path("lifecycleSources").isMissingNode(), active.toString());
        assertEquals("ACTIVE", active.at("/account/status").asText());
    }

    @Test
    void aModelTheAccountCannotCallIsCountedButStillServed() {
        Emulator.control().availability(NOVA_LITE, "agreementStatus", "NOT_AVAILABLE");
        try (EmfCapture emf = EmfCapture.start()) {
            JsonNode outcome = refresh().raw();
            assertTrue(
                    outcome.path("needingAttention").toString().contains("\"nova-lite\""),
                    outcome.toString());
            assertFalse(emf.declaring("CatalogModelsNeedingAttention").isEmpty());
        }
        JsonNode model = Lambda.get("/v1/models/nova-lite").body();
        assertFalse(model.at("/account/callable").asBoolean(true), model.toString());
        assertTrue(
                model.at("/account/problems").toString().contains("model agreement NOT_AVAILABLE"),
                model.toString());
        assertEquals("active", model.path("lifecycle").asText(), "not callable is not a lifecycle");
    }

    @Test
    void anotherInstanceReadsTheStoredReport() {
        Emulator.control().lifecycle(NOVA_LITE, "LEGACY", LocalDate.parse("2026-11-20"), null);
        refresh();
        // As a fresh instance would: nothing in memory (a clock gone back makes the report due).
        lifecycles.update(AccountReports.NONE);
        clock.set(NOW.minusSeconds(60));
        // The request that finds the report due does not wait for DynamoDB: it answers from what
        // the instance had, and the table's item is read after its response (docs/warm-path.md).
        assertEquals(
                "active", Lambda.get("/v1/models/nova-lite").body().path("lifecycle").asText());
        assertEquals(
                "legacy", Lambda.get("/v1/models/nova-lite").body().path("lifecycle").asText());
    }

    @Test
    void anUnknownTaskIsAnsweredNotThrown() {
        ProxyResult result =
                Lambda.invoke(Lambda.JSON.createObjectNode().put("parleyTask", "reboot"));
        assertEquals(
                "unsupported_event", result.raw().at("/error/code").asText(), result.toString());
        assertTrue(result.raw().at("/error/message").asText().contains("catalog-refresh"));
    }
}
