package dev.parley.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.AccountReportStore;
import dev.parley.modelcall.AccountReports;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.MovableClock;
import dev.parley.testing.StandInsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local run's lifecycle, end to end through its pieces: the emulator's control API plays AWS
 * moving nova-lite (no dates in the matrix) to legacy and then past its end of life; the local
 * run's refresh (the event it posts to the function's Runtime API at start-up, the same POST that
 * refreshes by hand) picks each move up; and the answers through the local API gateway follow:
 * Deprecation / Sunset, CatalogModelsNeedingAttention, then 410 model_retired once the Region no
 * longer lists the model (the end of life the account announced is kept).
 */
@QuarkusTest
@QuarkusTestResource(StandInsResource.class)
class LocalLifecycleEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOVA_LITE = "amazon.nova-lite-v1:0";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Inject MovableClock clock;
    @Inject AccountLifecycles lifecycles;
    @Inject AccountReportStore store;

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private URI runtime;
    private LocalManagementApi management;
    private LocalApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Emulator.control().reset();
        clock.set(NOW);
        Emulator.control().setClock(NOW);
        management = LocalManagementApi.start("127.0.0.1", 0);
        runtime = URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath);
        gateway = LocalApiGateway.start("127.0.0.1", 0, runtime, management);
    }

    @AfterEach
    void stop() {
        // Other tests share the table and this application: they see the matrix's dates only.
        store.save(AccountReports.NONE);
        lifecycles.update(AccountReports.NONE);
        Emulator.control().reset();
        clock.reset();
        gateway.close();
        management.close();
    }

    @Test
    void theRefreshEventIsTheSampleTheScheduleSends() throws Exception {
        assertEquals(
                JSON.readTree(Files.readString(Path.of("events", "catalog-refresh.json"))),
                JSON.readTree(StartUpCatalogRefresh.EVENT));
    }

    @Test
    void aModelMovedToLegacyThenEndOfLifeWarnsIsCountedThenRetires() throws Exception {
        assertNull(
                summarize("Active until the refresh.")
                        .headers()
                        .firstValue("Deprecation")
                        .orElse(null),
                "the matrix alone says active");
        Emulator.control()
                .lifecycle(
                        NOVA_LITE,
                        "LEGACY",
                        LocalDate.parse("2026-12-01"),
                        LocalDate.parse("2027-02-01"));

        try (EmfCapture emf = EmfCapture.start()) {
            JsonNode outcome = refresh();
            assertTrue(outcome.path("refreshed").asBoolean(), outcome.toString());
            assertTrue(
                    emf.declaring("CatalogModelsNeedingAttention").stream()
                            .anyMatch(line -> line.path("Model").asText().equals("nova-lite")),
                    "the alarm's metric names the model");
        }
        HttpResponse<String> legacy = summarize("Legacy now.");
        assertEquals(200, legacy.statusCode(), legacy.body());
        assertEquals(
                "@" + LocalDate.parse("2026-12-01").atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                legacy.headers().firstValue("Deprecation").orElse(null));
        assertEquals(
                "Mon, 01 Feb 2027 00:00:00 GMT",
                legacy.headers().firstValue("Sunset").orElse(null));

        // The end of life passes: the emulator stops listing the model, as Bedrock does.
        Instant afterEol = Instant.parse("2027-02-02T06:00:00Z");
        clock.set(afterEol);
        Emulator.control().setClock(afterEol);
        JsonNode outcome = refresh();
        assertTrue(outcome.path("refreshed").asBoolean(), outcome.toString());
        HttpResponse<String> retired = summarize("Past its end of life.");
        assertEquals(410, retired.statusCode(), retired.body());
        JsonNode error = JSON.readTree(retired.body()).path("error");
        assertEquals("model_retired", error.path("code").asText(), retired.body());
        assertTrue(error.path("message").asText().contains("2027-02-01"), retired.body());
        assertEquals(
                "Mon, 01 Feb 2027 00:00:00 GMT",
                retired.headers().firstValue("Sunset").orElse(null));
        JsonNode model = get("/v1/models/nova-lite");
        assertEquals("retired", model.path("lifecycle").asText(), model.toString());
        assertEquals("account", model.at("/lifecycleSources/eolDate").asText(), model.toString());
        assertTrue(
                model.at("/account/problems").toString().contains("past its end of life"),
                model.toString());
    }

    private JsonNode refresh() throws Exception {
        HttpResponse<String> answer = StartUpCatalogRefresh.post(runtime).get();
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> summarize(String text) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port() + "/v1/summarize"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Local-User", "alice")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        JSON.createObjectNode()
                                                .put("model", "nova-lite")
                                                .put("text", text)
                                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> answer =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + gateway.port() + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("X-Local-User", "alice")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }
}
