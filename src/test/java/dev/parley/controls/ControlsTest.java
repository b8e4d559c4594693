package dev.parley.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bedrock's per-call controls end to end: a service tier asked on each route reaches the emulator
 * (which records calls and refuses what Bedrock refuses), every call carries its invocation-log
 * tags (ids only), answers echo the tier, and the ledger prices the call at its tier's rate.
 */
@QuarkusTest
class ControlsTest {
    private static final List<Map<String, String>> HI =
            List.of(Map.of("role", "user", "content", "Hello there"));

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static JsonNode lastCall() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1);
    }

    private static ProxyResult as(String caller, String method, String path, Object body) {
        return Lambda.invoke(Lambda.as(caller, Lambda.http(method, path, body)));
    }

    @Test
    void theTierAndTheTagsReachConverseOnParleysRoutes() {
        ProxyResult chat =
                as(
                        "tia",
                        "POST",
                        "/v1/chat",
                        Map.of("message", "Hello", "model", "nova-pro", "serviceTier", "flex"));
        assertEquals(201, chat.status(), chat.toString());
        JsonNode body = lastCall().path("body");
        assertEquals("flex", body.at("/serviceTier/type").asText(), body.toString());
        assertEquals("chat", body.at("/requestMetadata/parley.route").asText(), body.toString());
        assertEquals(
                chat.body().path("conversationId").asText(),
                body.at("/requestMetadata/parley.conversationId").asText());
        assertFalse(
                body.path("requestMetadata").toString().contains("tia"),
                "ids only, never the caller's name");

        assertEquals(
                200,
                Lambda.post(
                                "/v1/summarize",
                                Map.of(
                                        "text",
                                        "A text to summarize, about rivers.",
                                        "model",
                                        "gpt-oss-20b",
                                        "serviceTier",
                                        "priority"))
                        .status());
        assertEquals("priority", lastCall().at("/body/serviceTier/type").asText());
        assertEquals("summarize", lastCall().at("/body/requestMetadata/parley.route").asText());

        Emulator.control().reset();
        ProxyResult compared =
                Lambda.post(
                        "/v1/compare",
                        Map.of(
                                "message",
                                "Hi",
                                "models",
                                List.of("nova-pro", "qwen3-32b"),
                                "serviceTier",
                                "flex"));
        assertEquals(200, compared.status(), compared.toString());
        assertEquals(2, Emulator.control().calls().size());
        Emulator.control()
                .calls()
                .forEach(call -> assertEquals("flex", call.at("/body/serviceTier/type").asText()));

        // No tier asked, none configured: Bedrock's standard tier, and no serviceTier sent.
        as("tia", "POST", "/v1/chat", Map.of("message", "Hello", "model", "nova-micro"));
        assertTrue(
                lastCall().path("body").path("serviceTier").isMissingNode(), lastCall().toString());
        assertEquals("chat", lastCall().at("/body/requestMetadata/parley.route").asText());
    }

    @Test
    void theProtocolEdgesMapTheirTiersAndEchoTheServedOne() {
        ProxyResult completion =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-pro", "service_tier", "priority", "messages", HI));
        assertEquals(200, completion.status(), completion.toString());
        assertEquals(
                "priority", completion.body().path("service_tier").asText(), completion.toString());
        assertEquals("priority", lastCall().at("/body/serviceTier/type").asText());
        ProxyResult auto =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-micro", "service_tier", "auto", "messages", HI));
        assertEquals("default", auto.body().path("service_tier").asText(), auto.toString());

        ProxyResult response =
                Lambda.post(
                        "/openai/v1/responses",
                        Map.of(
                                "model",
                                "nova-pro",
                                "service_tier",
                                "flex",
                                "input",
                                "Hello there"));
        assertEquals(200, response.status(), response.toString());
        assertEquals("flex", response.body().path("service_tier").asText(), response.toString());
        assertEquals(
                response.body().path("id").asText(),
                lastCall().at("/body/requestMetadata/parley.responseId").asText(),
                lastCall().toString());

        ProxyResult anthropic =
                Lambda.post(
                        "/anthropic/v1/messages",
                        Map.of(
                                "model",
                                "nova-pro",
                                "max_tokens",
                                200,
                                "service_tier",
                                "standard_only",
                                "messages",
                                HI));
        assertEquals(200, anthropic.status(), anthropic.toString());
        assertEquals("default", lastCall().at("/body/serviceTier/type").asText());
    }

    @Test
    void theInvokePassthroughSendsTheTierAndTagsAsBedrockHeaders() throws Exception {
        ProxyResult invoke =
                as(
                        "ivy",
                        "POST",
                        "/v1/models/nova-pro/invoke?serviceTier=flex",
                        Map.of(
                                "messages",
                                List.of(
                                        Map.of(
                                                "role",
                                                "user",
                                                "content",
                                                List.of(Map.of("text", "Hi"))))));
        assertEquals(200, invoke.status(), invoke.toString());
        JsonNode headers = lastCall().path("headers");
        assertEquals(
                "flex",
                headers.path("x-amzn-bedrock-service-tier").asText(),
                lastCall().toString());
        JsonNode tags =
                new ObjectMapper()
                        .readTree(headers.path("x-amzn-bedrock-request-metadata").asText());
        assertEquals("invoke", tags.path("parley.route").asText(), tags.toString());
        assertEquals(
                400,
                as(
                                "ivy",
                                "POST",
                                "/v1/models/nova-pro/invoke?serviceTier=fast",
                                Map.of("messages", List.of()))
                        .status());
    }

    @Test
    void anUnknownTierIsA400InEachFamilysShape() {
        ProxyResult parley =
                Lambda.post("/v1/summarize", Map.of("text", "A text.", "serviceTier", "turbo"));
        assertEquals(400, parley.status(), parley.toString());
        assertEquals("validation_error", parley.errorCode());
        assertTrue(
                parley.errorMessage().contains("priority, default, flex"), parley.errorMessage());
        ProxyResult openAi =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-pro", "service_tier", "scale", "messages", HI));
        assertEquals(400, openAi.status(), openAi.toString());
        assertEquals("service_tier", openAi.body().at("/error/param").asText(), openAi.toString());
        ProxyResult anthropic =
                Lambda.post(
                        "/anthropic/v1/messages",
                        Map.of(
                                "model",
                                "nova-pro",
                                "max_tokens",
                                200,
                                "service_tier",
                                "priority",
                                "messages",
                                HI));
        assertEquals(400, anthropic.status(), anthropic.toString());
        assertEquals(
                "invalid_request_error",
                anthropic.body().at("/error/type").asText(),
                anthropic.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }

    @Test
    void bedrockRefusesATierTheModelDoesNotOffer() {
        ProxyResult refused =
                Lambda.post(
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "A text to summarize.",
                                "model",
                                "nova-micro",
                                "serviceTier",
                                "priority"));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.errorMessage().contains("service tier"), refused.errorMessage());
        assertEquals(
                1,
                Emulator.control().calls().size(),
                "Bedrock, not Parley, knows which models take a tier");
    }

    /** nova-pro: 0.80 USD in / 3.20 USD out per million tokens (application.properties). */
    @ParameterizedTest
    @CsvSource({"flex, 0.5", "priority, 1.75"})
    void theLedgerPricesACallAtItsTiersRate(String tier, double multiplier) {
        String caller = tier + "-" + UUID.randomUUID();
        ProxyResult summary =
                as(
                        caller,
                        "POST",
                        "/v1/summarize",
                        Map.of(
                                "text",
                                "A text to summarize, about tides.",
                                "model",
                                "nova-pro",
                                "serviceTier",
                                tier));
        assertEquals(200, summary.status(), summary.toString());
        assertEquals(tier, summary.body().path("serviceTier").asText(), summary.toString());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report =
                as(caller, "GET", "/v1/usage?from=" + today + "&to=" + today, null).body();
        JsonNode row = report.path("days").get(0);
        assertEquals("nova-pro@" + tier, row.path("model").asText(), report.toString());
        double standard =
                (summary.body().at("/usage/inputTokens").asLong() * 0.80
                                + summary.body().at("/usage/outputTokens").asLong() * 3.20)
                        / 1_000_000;
        assertEquals(standard * multiplier, row.path("estimatedCostUsd").asDouble(), 1e-6);
        assertTrue(
                Math.abs(standard * multiplier - standard) > 1e-6,
                "the tier's rate shows at the view's rounding: " + standard);
        assertEquals(0, report.path("unpricedModels").size(), report.toString());
    }
}
