package dev.parley.local.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.local.bedrock.BedrockEmulator;
import dev.parley.local.bedrock.EmulatorControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelLifecycleStatus;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;

/**
 * The catalog check through the real Bedrock control-plane client against the emulator's
 * ListFoundationModels, ListInferenceProfiles and GetFoundationModelAvailability.
 */
class CatalogCheckTest {
    static BedrockEmulator emulator;
    static EmulatorControl control;
    static BedrockClient bedrock;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start("127.0.0.1", 0);
        control = new EmulatorControl(emulator.endpoint());
        bedrock =
                BedrockClient.builder()
                        .region(Region.US_WEST_2)
                        .endpointOverride(emulator.endpoint())
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("test", "test")))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build();
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        emulator.close();
    }

    /** Inside claude-sonnet-4-5's legacy period, whatever day the suite runs on (the emulator's clock too). */
    private static final java.time.Instant TODAY = java.time.Instant.parse("2026-12-05T12:00:00Z");

    @BeforeEach
    void reset() {
        control.reset();
        control.setClock(TODAY);
    }

    private static Map<String, String> catalog(String... aliasesAndIds) {
        Map<String, String> catalog = new LinkedHashMap<>();
        for (int i = 0; i < aliasesAndIds.length; i += 2) {
            catalog.put(aliasesAndIds[i], aliasesAndIds[i + 1]);
        }
        return catalog;
    }

    @Test
    void theEmulatorsControlPlaneListsTheMatrixModelsWithTheirLifecycle() {
        List<FoundationModelSummary> models =
                bedrock.listFoundationModels(r -> {}).modelSummaries();
        FoundationModelSummary sonnet45 =
                models.stream()
                        .filter(
                                m ->
                                        m.modelId()
                                                .equals(
                                                        "anthropic.claude-sonnet-4-5-20250929-v1:0"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(FoundationModelLifecycleStatus.LEGACY, sonnet45.modelLifecycle().status());
        assertEquals(
                LocalDate.parse("2027-04-08"),
                LocalDate.ofInstant(sonnet45.modelLifecycle().endOfLifeTime(), ZoneOffset.UTC));
        assertEquals(
                "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
                sonnet45.modelArn());
        assertTrue(
                models.stream()
                        .noneMatch(m -> m.modelId().startsWith("anthropic.claude-3-7-sonnet")),
                "a model past its end of life is no longer listed");
        assertTrue(
                bedrock.listFoundationModels(r -> r.byProvider("Amazon")).modelSummaries().stream()
                        .allMatch(m -> m.providerName().equals("Amazon")));
        // Paginated profiles: the SDK's paginator follows nextToken.
        long pages = bedrock.listInferenceProfilesPaginator(r -> r.maxResults(5)).stream().count();
        assertTrue(pages > 2, "pages: " + pages);
        assertTrue(
                bedrock
                        .listInferenceProfilesPaginator(r -> r.maxResults(5))
                        .inferenceProfileSummaries()
                        .stream()
                        .anyMatch(
                                p ->
                                        p.inferenceProfileId()
                                                .equals("global.anthropic.claude-sonnet-4-6")));
        // The seed's cross-region example, which the default catalog names.
        assertTrue(
                bedrock
                        .listInferenceProfilesPaginator(r -> r.maxResults(5))
                        .inferenceProfileSummaries()
                        .stream()
                        .anyMatch(
                                p ->
                                        p.inferenceProfileId()
                                                .equals("us.meta.llama3-1-70b-instruct-v1:0")));
        var availability =
                bedrock.getFoundationModelAvailability(r -> r.modelId("amazon.nova-micro-v1:0"));
        assertEquals("AUTHORIZED", availability.authorizationStatusAsString());
        assertEquals("AVAILABLE", availability.agreementAvailability().statusAsString());
    }

    @Test
    void reportsWhatTheAccountCannotCallAndLifecycleMismatches() {
        control.availability("anthropic.claude-opus-4-7", "agreementStatus", "NOT_AVAILABLE");
        control.availability(
                "qwen.qwen3-coder-480b-a35b-v1:0", "authorizationStatus", "NOT_AUTHORIZED");
        List<CatalogCheck.Result> results =
                CatalogCheck.check(
                        bedrock,
                        catalog(
                                "nova-micro", "us.amazon.nova-micro-v1:0",
                                "claude-opus-4-7", "global.anthropic.claude-opus-4-7",
                                "qwen3-coder", "qwen.qwen3-coder-480b-a35b-v1:0",
                                "claude-3-7-sonnet", "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                                "claude-sonnet-4-5",
                                        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                                "haiku-bare", "anthropic.claude-haiku-4-5-20251001-v1:0"),
                        FeatureMatrix.load(),
                        LocalDate.ofInstant(TODAY, ZoneOffset.UTC));
        Map<String, CatalogCheck.Result> byAlias = new LinkedHashMap<>();
        results.forEach(r -> byAlias.put(r.alias(), r));

        assertTrue(byAlias.get("nova-micro").callable(), byAlias.get("nova-micro").toString());
        assertFalse(byAlias.get("nova-micro").needsAttention());
        assertFalse(byAlias.get("claude-opus-4-7").callable());
        assertTrue(
                byAlias.get("claude-opus-4-7")
                        .problems()
                        .get(0)
                        .contains("agreement NOT_AVAILABLE"));
        assertTrue(byAlias.get("qwen3-coder").problems().get(0).contains("not authorized"));
        // Retired in the matrix and gone from Bedrock: not callable, and as expected.
        assertFalse(byAlias.get("claude-3-7-sonnet").callable());
        assertEquals("retired", byAlias.get("claude-3-7-sonnet").parleyLifecycle());
        assertFalse(byAlias.get("claude-3-7-sonnet").needsAttention());
        // Legacy on both sides, same end of life.
        assertEquals("legacy", byAlias.get("claude-sonnet-4-5").bedrockLifecycle());
        assertTrue(
                byAlias.get("claude-sonnet-4-5").mismatches().isEmpty(),
                byAlias.get("claude-sonnet-4-5").toString());
        // A profile-only model named by its bare id.
        assertTrue(byAlias.get("haiku-bare").problems().get(0).contains("no on-demand throughput"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CatalogCheck.print(results, new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("3 catalog entries need attention"), report);
    }

    @Test
    void aMatrixThatMissedAnEndOfLifeIsAMismatch() {
        // The check on a day before the matrix's dates: Bedrock (the emulator, on TODAY) says
        // legacy, the matrix active.
        List<CatalogCheck.Result> results =
                CatalogCheck.check(
                        bedrock,
                        catalog(
                                "claude-sonnet-4-5",
                                "global.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                        FeatureMatrix.load(),
                        LocalDate.parse("2026-09-01"));
        assertEquals("active", results.get(0).parleyLifecycle());
        assertTrue(
                results.get(0).mismatches().get(0).contains("Bedrock says legacy"),
                results.toString());
        assertTrue(results.get(0).needsAttention());
    }

    @Test
    void theCatalogIsReadAsParleyReadsIt() {
        Properties properties = new Properties();
        properties.setProperty("parley.models.catalog.nova-micro.id", "us.amazon.nova-micro-v1:0");
        properties.setProperty("parley.models.catalog.nova-lite.id", "us.amazon.nova-lite-v1:0");
        properties.setProperty("parley.models.default-model", "nova-micro");
        assertEquals(
                Map.of(
                        "nova-micro",
                        "us.amazon.nova-micro-v1:0",
                        "nova-lite",
                        "us.amazon.nova-lite-v1:0"),
                CatalogCheck.catalog(properties));
        properties.setProperty("parley.models.allowed", "nova-lite");
        assertEquals(
                Map.of("nova-lite", "us.amazon.nova-lite-v1:0"), CatalogCheck.catalog(properties));
    }
}
