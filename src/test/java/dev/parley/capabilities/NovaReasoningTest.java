package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Nova 2 Lite's opt-in reasoning (the matrix's {@code effort} kind): off unless asked, then sent
 * as {@code additionalModelRequestFields.reasoningConfig} at low, medium or high, with Nova's rule
 * that high takes no maxTokens, temperature or top-p; and the emulator holding Nova to the same
 * rules through the real SDK client.
 */
@QuarkusTest
class NovaReasoningTest {
    private static final List<Map<String, String>> HI =
            List.of(Map.of("role", "user", "content", "Think it over"));
    private static final String NOVA_2_LITE = "us.amazon.nova-2-lite-v1:0";

    @Inject BedrockRuntimeClient runtime;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static JsonNode sent() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).path("body");
    }

    @Test
    void anEffortReachesNovaAsItsReasoningConfig() {
        ProxyResult medium =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-2-lite",
                                "reasoning_effort",
                                "medium",
                                "max_completion_tokens",
                                2000,
                                "messages",
                                HI));
        assertEquals(200, medium.status(), medium.toString());
        JsonNode config = sent().at("/additionalModelRequestFields/reasoningConfig");
        assertEquals("enabled", config.path("type").asText(), sent().toString());
        assertEquals("medium", config.path("maxReasoningEffort").asText());
        assertFalse(sent().has("outputConfig"), "Nova takes no outputConfig.effort: " + sent());
        assertFalse(sent().at("/additionalModelRequestFields").has("thinking"), sent().toString());
        assertEquals(
                2000, sent().at("/inferenceConfig/maxTokens").asInt(), "below high, a cap is kept");

        // OpenAI's minimal is Nova's low; a budget on Parley's route becomes the effort it stands
        // for.
        Lambda.post(
                "/openai/v1/chat/completions",
                Map.of("model", "nova-2-lite", "reasoning_effort", "minimal", "messages", HI));
        assertEquals(
                "low",
                sent().at("/additionalModelRequestFields/reasoningConfig/maxReasoningEffort")
                        .asText());
        ProxyResult chat =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "model",
                                "nova-2-lite",
                                "message",
                                "Think it over",
                                "reasoning",
                                Map.of("budgetTokens", 8000)));
        assertEquals(201, chat.status(), chat.toString());
        assertEquals(
                "medium",
                sent().at("/additionalModelRequestFields/reasoningConfig/maxReasoningEffort")
                        .asText());
        ProxyResult high =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-2-lite", "reasoning_effort", "high", "messages", HI));
        assertEquals(200, high.status(), high.toString());
        assertEquals(
                "high",
                sent().at("/additionalModelRequestFields/reasoningConfig/maxReasoningEffort")
                        .asText());
        assertFalse(
                sent().at("/inferenceConfig").has("maxTokens"),
                "high effort sends no maxTokens: " + sent());
        // Nova 2 Lite redacts its reasoning (and bills it).
        assertEquals("[REDACTED]", chat.body().path("reasoning").asText(), chat.toString());
    }

    @Test
    void withoutAnAskNovaDoesNotReason() {
        ProxyResult chat =
                Lambda.post("/v1/chat", Map.of("model", "nova-2-lite", "message", "Quick one"));
        assertEquals(201, chat.status(), chat.toString());
        assertFalse(
                sent().path("additionalModelRequestFields").has("reasoningConfig"),
                sent().toString());
        assertTrue(chat.body().path("reasoning").asText("").isEmpty(), chat.toString());
    }

    @Test
    void highEffortWithACapOrSamplingIsRefusedBeforeBedrock() {
        ProxyResult capped =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-2-lite",
                                "reasoning_effort",
                                "high",
                                "max_completion_tokens",
                                2000,
                                "messages",
                                HI));
        assertEquals(400, capped.status(), capped.toString());
        assertTrue(
                capped.body().at("/error/message").asText().contains("high effort"),
                capped.toString());
        ProxyResult warm =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-2-lite",
                                "reasoning_effort",
                                "high",
                                "temperature",
                                0.2,
                                "messages",
                                HI));
        assertEquals(400, warm.status(), warm.toString());
        ProxyResult xhigh =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of(
                                "model",
                                "nova-2-lite",
                                "reasoning_effort",
                                "xhigh",
                                "messages",
                                HI));
        assertEquals(400, xhigh.status(), xhigh.toString());
        assertTrue(
                xhigh.body().at("/error/message").asText().contains("low, medium, high"),
                xhigh.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
        // A Nova model without reasoning refuses it as before.
        ProxyResult pro =
                Lambda.post(
                        "/openai/v1/chat/completions",
                        Map.of("model", "nova-pro", "reasoning_effort", "low", "messages", HI));
        assertEquals(400, pro.status(), pro.toString());
    }

    @Test
    void theEmulatorHoldsNovaToItsReasoningRules() {
        Document medium = reasoningConfig("enabled", "medium");
        var answer =
                runtime.converse(
                        r ->
                                r.modelId(NOVA_2_LITE)
                                        .additionalModelRequestFields(medium)
                                        .messages(
                                                m ->
                                                        m.role(ConversationRole.USER)
                                                                .content(
                                                                        ContentBlock.fromText(
                                                                                "Why?"))));
        assertEquals(
                "[REDACTED]",
                answer.output()
                        .message()
                        .content()
                        .get(0)
                        .reasoningContent()
                        .reasoningText()
                        .text());

        ValidationException high =
                assertThrows(
                        ValidationException.class,
                        () ->
                                runtime.converse(
                                        r ->
                                                r.modelId(NOVA_2_LITE)
                                                        .additionalModelRequestFields(
                                                                reasoningConfig("enabled", "high"))
                                                        .inferenceConfig(c -> c.maxTokens(500))
                                                        .messages(
                                                                m ->
                                                                        m.role(
                                                                                        ConversationRole
                                                                                                .USER)
                                                                                .content(
                                                                                        ContentBlock
                                                                                                .fromText(
                                                                                                        "Why?")))));
        assertTrue(high.getMessage().contains("maxTokens"), high.getMessage());
        ValidationException xhigh =
                assertThrows(
                        ValidationException.class,
                        () ->
                                runtime.converse(
                                        r ->
                                                r.modelId(NOVA_2_LITE)
                                                        .additionalModelRequestFields(
                                                                reasoningConfig("enabled", "xhigh"))
                                                        .messages(
                                                                m ->
                                                                        m.role(
                                                                                        ConversationRole
                                                                                                .USER)
                                                                                .content(
                                                                                        ContentBlock
                                                                                                .fromText(
                                                                                                        "Why?")))));
        assertTrue(
                xhigh.getMessage().contains("reasoning config value is invalid"),
                xhigh.getMessage());
        ValidationException pro =
                assertThrows(
                        ValidationException.class,
                        () ->
                                runtime.converse(
                                        r ->
                                                r.modelId("us.amazon.nova-pro-v1:0")
                                                        .additionalModelRequestFields(medium)
                                                        .messages(
                                                                m ->
                                                                        m.role(
                                                                                        ConversationRole
                                                                                                .USER)
                                                                                .content(
                                                                                        ContentBlock
                                                                                                .fromText(
                                                                                                        "Why?")))));
        assertTrue(
                pro.getMessage().contains("reasoning config value is invalid"), pro.getMessage());
        var off =
                runtime.converse(
                        r ->
                                r.modelId(NOVA_2_LITE)
                                        .additionalModelRequestFields(
                                                reasoningConfig("disabled", null))
                                        .messages(
                                                m ->
                                                        m.role(ConversationRole.USER)
                                                                .content(
                                                                        ContentBlock.fromText(
                                                                                "Why?"))));
        assertTrue(
                off.output().message().content().stream()
                        .noneMatch(b -> b.reasoningContent() != null));
    }

    private static Document reasoningConfig(String type, String effort) {
        Map<String, Document> config = new java.util.LinkedHashMap<>();
        config.put("type", Document.fromString(type));
        if (effort != null) {
            config.put("maxReasoningEffort", Document.fromString(effort));
        }
        return Document.fromMap(Map.of("reasoningConfig", Document.fromMap(config)));
    }
}
