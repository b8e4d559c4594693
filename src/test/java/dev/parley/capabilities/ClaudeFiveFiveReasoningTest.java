package dev.parley.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Claude 5.5 rows on Parley's routes: Opus 5.5 and Sonnet 5.5 think on every answer
 * ({@code adaptive-always}), take every effort up to {@code max} and refuse what thinking cannot
 * be combined with (a forced tool, Anthropic's {@code thinking.type: disabled}) before Bedrock;
 * Haiku 5.5 ({@code adaptive-only}) thinks when asked and may be asked not to.
 */
@QuarkusTest
class ClaudeFiveFiveReasoningTest {
    private static final List<Map<String, String>> HI =
            List.of(Map.of("role", "user", "content", "Think it over"));
    private static final String COMPLETIONS = "/openai/v1/chat/completions";
    private static final String MESSAGES = "/anthropic/v1/messages";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static JsonNode sent() {
        List<JsonNode> calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).path("body");
    }

    @Test
    void opusFiveFiveReasonsWithoutBeingAsked() {
        ProxyResult chat =
                Lambda.invoke(
                        Lambda.as(
                                "rita",
                                Lambda.http(
                                        "POST",
                                        "/v1/chat",
                                        Map.of(
                                                "model",
                                                "claude-opus-5-5",
                                                "message",
                                                "Why is the sky blue?"))));
        assertEquals(201, chat.status(), chat.toString());
        assertTrue(
                chat.body().path("reasoning").asText().contains("Why is the sky blue?"),
                chat.toString());
        assertFalse(sent().has("outputConfig"), "no effort asked, none sent: " + sent());
    }

    @Test
    void everyEffortUpToMaxReachesConverse() {
        ProxyResult xhigh =
                Lambda.post(
                        COMPLETIONS,
                        Map.of(
                                "model",
                                "claude-opus-5-5",
                                "reasoning_effort",
                                "xhigh",
                                "messages",
                                HI));
        assertEquals(200, xhigh.status(), xhigh.toString());
        assertEquals("xhigh", sent().at("/outputConfig/effort").asText(), sent().toString());

        ProxyResult max =
                Lambda.post(
                        COMPLETIONS,
                        Map.of(
                                "model",
                                "claude-sonnet-5-5",
                                "reasoning_effort",
                                "max",
                                "messages",
                                HI));
        assertEquals(200, max.status(), max.toString());
        assertEquals("max", sent().at("/outputConfig/effort").asText(), sent().toString());

        ProxyResult haiku =
                Lambda.post(
                        COMPLETIONS,
                        Map.of(
                                "model",
                                "claude-haiku-5-5",
                                "reasoning_effort",
                                "xhigh",
                                "messages",
                                HI));
        assertEquals(200, haiku.status(), haiku.toString());
        assertEquals("xhigh", sent().at("/outputConfig/effort").asText(), sent().toString());
    }

    @Test
    void aForcedToolIsRefusedBeforeBedrock() {
        ProxyResult forced =
                Lambda.post(
                        COMPLETIONS,
                        Map.of(
                                "model",
                                "claude-opus-5-5",
                                "messages",
                                HI,
                                "tools",
                                List.of(
                                        Map.of(
                                                "type",
                                                "function",
                                                "function",
                                                Map.of(
                                                        "name",
                                                        "lookup",
                                                        "parameters",
                                                        Map.of("type", "object")))),
                                "tool_choice",
                                "required"));
        assertEquals(400, forced.status(), forced.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }

    @Test
    void anthropicsDisabledThinkingIsRefusedOnlyWhereThinkingCannotBeTurnedOff() {
        Map<String, Object> disabled = Map.of("type", "disabled");
        ProxyResult opus =
                Lambda.post(
                        MESSAGES,
                        Map.of(
                                "model",
                                "claude-opus-5-5",
                                "max_tokens",
                                500,
                                "thinking",
                                disabled,
                                "messages",
                                HI));
        assertEquals(400, opus.status(), opus.toString());
        assertEquals("invalid_request_error", opus.body().at("/error/type").asText());
        assertTrue(
                opus.body().at("/error/message").asText().contains("always on"), opus.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");

        ProxyResult haiku =
                Lambda.post(
                        MESSAGES,
                        Map.of(
                                "model",
                                "claude-haiku-5-5",
                                "max_tokens",
                                500,
                                "thinking",
                                disabled,
                                "messages",
                                HI));
        assertEquals(200, haiku.status(), haiku.toString());
    }
}
