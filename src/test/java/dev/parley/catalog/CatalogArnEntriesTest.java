package dev.parley.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.lifecycle.AccountLifecycles;
import dev.parley.lifecycle.AccountReportStore;
import dev.parley.modelcall.AccountReports;
import dev.parley.testing.EmfCapture;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;

/**
 * Models without a release: catalog entries added by configuration alone. An application inference
 * profile and a prompt router (created in the emulator through the real control-plane client, as an
 * operator creates them in the account) behave like a matrix row they name ({@code like}), answer
 * through Parley's routes and are priced by their alias; an id the matrix does not know and that
 * names no row starts with conservative capabilities (text only, no tools) instead of stopping the
 * start-up. The router's answer names the model that answered (trace.promptRouter.invokedModelId),
 * and the ledger keeps the call under both ids and prices it by the model that answered.
 */
@QuarkusTest
@TestProfile(CatalogArnEntriesTest.Profile.class)
class CatalogArnEntriesTest {
    // The emulator derives a resource's id from its name (sha-256, 12 hex digits), so the
    // configuration can name the ARN before the test creates the resource.
    static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/e69eeb0f05c7";
    static final String ROUTER_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:prompt-router/a6f2c3bb278f";
    static final String HAIKU =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                    + "global.anthropic.claude-haiku-4-5-20251001-v1:0";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("parley.models.catalog.team-sonnet.id", PROFILE_ARN),
                    Map.entry("parley.models.catalog.team-sonnet.like", "claude-sonnet-4-6"),
                    Map.entry("parley.models.catalog.team-router.id", ROUTER_ARN),
                    Map.entry(
                            "parley.models.catalog.team-router.like",
                            "anthropic.claude-haiku-4-5-20251001-v1:0"),
                    Map.entry("parley.models.catalog.brand-new.id", "mistral.brand-new-model-v1:0"),
                    Map.entry("parley.usage.prices.team-sonnet.input", "3.00"),
                    Map.entry("parley.usage.prices.team-sonnet.output", "15.00"));
        }
    }

    @Inject BedrockClient bedrock;
    @Inject BedrockRuntimeClient runtime;
    @Inject AccountLifecycles lifecycles;
    @Inject AccountReportStore store;

    @BeforeEach
    void createTheAccountsResources() {
        Emulator.control().reset();
        bedrock.createInferenceProfile(
                r ->
                        r.inferenceProfileName("team-sonnet")
                                .modelSource(
                                        s ->
                                                s.copyFrom(
                                                        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-6")));
        bedrock.createPromptRouter(
                r ->
                        r.promptRouterName("team-router")
                                .routingCriteria(c -> c.responseQualityDifference(0.5))
                                .models(
                                        m -> m.modelArn(HAIKU),
                                        m ->
                                                m.modelArn(
                                                        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-6"))
                                .fallbackModel(m -> m.modelArn(HAIKU)));
    }

    @Test
    void anApplicationInferenceProfileIsCalledWithItsRowsCapabilitiesAndPricedByItsAlias() {
        String caller = "arn-" + UUID.randomUUID();
        ProxyResult answer =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/summarize",
                                        Map.of(
                                                "model",
                                                "team-sonnet",
                                                "text",
                                                "Application inference profiles tag a team's calls."))));
        assertEquals(200, answer.status(), answer.toString());
        JsonNode call = Emulator.control().calls().get(Emulator.control().calls().size() - 1);
        assertTrue(
                call.toString().contains("application-inference-profile/e69eeb0f05c7"),
                call.toString());

        JsonNode model = Lambda.get("/v1/models/team-sonnet").body();
        assertEquals(PROFILE_ARN, model.path("modelId").asText());
        assertTrue(model.at("/capabilities/tools").asBoolean(), "like claude-sonnet-4-6: " + model);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode usage =
                Lambda.invoke(
                                Lambda.as(
                                        caller,
                                        Lambda.http(
                                                "GET",
                                                "/v1/usage?from=" + today + "&to=" + today,
                                                null)))
                        .body();
        JsonNode row = usage.path("days").get(0);
        assertEquals("team-sonnet", row.path("model").asText(), usage.toString());
        double cost =
                (answer.body().at("/usage/inputTokens").asLong() * 3.0
                                + answer.body().at("/usage/outputTokens").asLong() * 15.0)
                        / 1_000_000;
        assertEquals(cost, row.path("estimatedCostUsd").asDouble(), 1e-6, usage.toString());
        assertEquals(0, usage.path("unpricedModels").size());
    }

    @Test
    void aPromptRoutersAnswerNamesTheModelThatAnswered() {
        ProxyResult answer =
                Lambda.post("/v1/chat", Map.of("model", "team-router", "message", "Route me."));
        assertEquals(201, answer.status(), answer.toString());
        // The emulator's Converse answer carries the router's trace, as Bedrock's does.
        JsonNode call = Emulator.control().calls().get(Emulator.control().calls().size() - 1);
        assertTrue(call.toString().contains("prompt-router/a6f2c3bb278f"), call.toString());
        // The emulator's answer carries the router's trace as Bedrock's does, read by the real SDK
        // client.
        var reply =
                runtime.converse(
                        r ->
                                r.modelId(ROUTER_ARN)
                                        .messages(
                                                m ->
                                                        m.role(ConversationRole.USER)
                                                                .content(
                                                                        ContentBlock.fromText(
                                                                                "Which model answers?"))));
        assertEquals(HAIKU, reply.trace().promptRouter().invokedModelId());
        assertEquals(
                null,
                runtime.converse(
                                r ->
                                        r.modelId(PROFILE_ARN)
                                                .messages(
                                                        m ->
                                                                m.role(ConversationRole.USER)
                                                                        .content(
                                                                                ContentBlock
                                                                                        .fromText(
                                                                                                "No router here."))))
                        .trace(),
                "only a router's answer has the trace");
    }

    @Test
    void aPromptRoutersCallIsPricedByTheModelThatAnswered() {
        String caller = "router-" + UUID.randomUUID();
        ProxyResult answer =
                Lambda.invoke(
                        Lambda.as(
                                caller,
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "model",
                                                "team-router",
                                                "message",
                                                "Which model answers, and what does it cost?"))));
        assertEquals(201, answer.status(), answer.toString());
        // The streamed twin (WebSocket chat, ConverseStream): the trace arrives in the metadata
        // event.
        ProxyResult streamed =
                Lambda.invoke(
                        Lambda.webSocketMessage(
                                "conn-" + UUID.randomUUID(),
                                caller,
                                Map.of(
                                        "action",
                                        "chat",
                                        "model",
                                        "team-router",
                                        "message",
                                        "And over the socket?")));
        assertEquals(200, streamed.raw().path("statusCode").asInt(), streamed.toString());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode usage =
                Lambda.invoke(
                                Lambda.as(
                                        caller,
                                        Lambda.http(
                                                "GET",
                                                "/v1/usage?from=" + today + "&to=" + today,
                                                null)))
                        .body();
        assertEquals(1, usage.path("days").size(), usage.toString());
        JsonNode row = usage.path("days").get(0);
        // Both ids: the router the caller named, the catalog model Bedrock sent the call to.
        assertEquals("team-router>claude-haiku-4-5", row.path("model").asText(), usage.toString());
        assertEquals(2, row.path("calls").asInt(), "both calls are on the row: " + usage);
        // Claude Haiku 4.5's configured prices (application.properties): the router itself has
        // none.
        double cost =
                (row.path("inputTokens").asLong() * 1.00 + row.path("outputTokens").asLong() * 5.00)
                        / 1_000_000;
        assertTrue(cost > 0, usage.toString());
        assertEquals(cost, row.path("estimatedCostUsd").asDouble(), 1e-9, usage.toString());
        assertEquals(0, usage.path("unpricedModels").size(), usage.toString());
    }

    @Test
    void aPromptRoutersMetricsNameTheModelThatAnsweredNotTheRouter() {
        try (EmfCapture emf = EmfCapture.start()) {
            ProxyResult answer =
                    Lambda.post(
                            "/v1/chat", Map.of("model", "team-router", "message", "Metered how?"));
            assertEquals(201, answer.status(), answer.toString());
            List<JsonNode> lines = emf.declaring("ModelCalls");
            // The Model dimension is the catalog alias of the model Bedrock sent the call to: a
            // router's calls sit with that model's own tokens and latency.
            assertEquals(
                    List.of("claude-haiku-4-5"),
                    lines.stream().map(l -> l.path("Model").asText()).distinct().toList(),
                    lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.toString().contains("team-router")));
        }
    }

    @Test
    void anUnknownIdGetsConservativeCapabilitiesNotAFailedStartUp() {
        JsonNode model = Lambda.get("/v1/models/brand-new").body();
        assertEquals("mistral", model.path("provider").asText(), model.toString());
        assertEquals(false, model.at("/capabilities/tools").asBoolean(true));
        assertEquals(false, model.at("/capabilities/vision").asBoolean(true));
        assertEquals(4096, model.path("maxOutputTokens").asInt());
        ProxyResult tools =
                Lambda.post(
                        "/v1/tools",
                        Map.of(
                                "model",
                                "brand-new",
                                "message",
                                "What is 2+2?",
                                "tools",
                                List.of("calculator")));
        assertEquals(400, tools.status(), tools.toString());
        assertTrue(
                tools.errorMessage().contains("does not support tool use"), tools.errorMessage());
    }

    @Test
    void theRefreshDescribesProfilesAndRoutersAndReportsADeletedOneOrALegacyModelBehindIt() {
        try {
            JsonNode first = Lambda.invoke(Lambda.event("catalog-refresh.json")).raw();
            assertTrue(first.path("refreshed").asBoolean(), first.toString());
            assertFalse(
                    first.path("needingAttention").toString().contains("team-"), first.toString());
            assertTrue(
                    Lambda.get("/v1/models/team-sonnet")
                            .body()
                            .at("/account/callable")
                            .asBoolean());

            // The model behind the profile goes legacy; the router is deleted.
            Emulator.control()
                    .lifecycle(
                            "anthropic.claude-sonnet-4-6",
                            "LEGACY",
                            LocalDate.parse("2026-11-01"),
                            LocalDate.parse("2027-11-01"));
            bedrock.deletePromptRouter(r -> r.promptRouterArn(ROUTER_ARN));
            try (EmfCapture emf = EmfCapture.start()) {
                JsonNode outcome = Lambda.invoke(Lambda.event("catalog-refresh.json")).raw();
                assertTrue(
                        outcome.path("needingAttention").toString().contains("\"team-sonnet\""),
                        outcome.toString());
                assertTrue(
                        outcome.path("needingAttention").toString().contains("\"team-router\""),
                        outcome.toString());
                List<String> counted =
                        emf.declaring("CatalogModelsNeedingAttention").stream()
                                .map(line -> line.path("Model").asText())
                                .toList();
                assertTrue(
                        counted.containsAll(List.of("team-sonnet", "team-router")),
                        counted.toString());
            }
            JsonNode profile = Lambda.get("/v1/models/team-sonnet").body();
            assertEquals("LEGACY", profile.at("/account/status").asText(), profile.toString());
            assertTrue(
                    profile.at("/account/problems")
                            .toString()
                            .contains("anthropic.claude-sonnet-4-6"),
                    profile.toString());
            JsonNode router = Lambda.get("/v1/models/team-router").body();
            assertFalse(router.at("/account/callable").asBoolean(true), router.toString());
            assertTrue(
                    router.at("/account/problems").toString().contains("no such resource"),
                    router.toString());
        } finally {
            // Other tests of this application see the matrix's dates only.
            store.save(AccountReports.NONE);
            lifecycles.update(AccountReports.NONE);
        }
    }
}
