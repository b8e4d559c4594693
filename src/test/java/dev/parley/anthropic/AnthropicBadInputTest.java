package dev.parley.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed Messages requests: each a 4xx in Anthropic's error shape naming the
 * problem, refused before Bedrock is called (so nothing is charged or recorded), never a 500.
 */
@QuarkusTest
class AnthropicBadInputTest {
    private static final String MESSAGES = "/anthropic/v1/messages";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    private static Map<String, Object> request(Object messages) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", "claude-haiku-4-5");
        body.put("max_tokens", 100);
        body.put("messages", messages);
        return body;
    }

    private static Map<String, Object> user(Object content) {
        return Map.of("role", "user", "content", content);
    }

    /** A refusal in Anthropic's shape whose message contains {@code expected}; Bedrock was not called. */
    private static JsonNode assertRefused(
            ProxyResult result, int status, String type, String expected) {
        assertEquals(status, result.status(), result.toString());
        JsonNode body = result.body();
        assertEquals("error", body.path("type").asText(), body.toString());
        assertEquals(type, body.at("/error/type").asText(), body.toString());
        assertTrue(body.at("/error/message").asText().contains(expected), body.toString());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
        return body;
    }

    @Test
    void malformedBlocksNameTheirPath() {
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(user(List.of(Map.of("type", "text")))))),
                400,
                "invalid_request_error",
                "messages.0.content.0.text: Field required");
        assertRefused(
                Lambda.post(
                        MESSAGES,
                        request(List.of(user(List.of(Map.of("type", "video", "url", "x")))))),
                400,
                "invalid_request_error",
                "messages.0.content.0.type");
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(user(42)))),
                400,
                "invalid_request_error",
                "messages.0.content");
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(Map.of("role", "system", "content", "x")))),
                400,
                "invalid_request_error",
                "messages.0.role");
        Map<String, Object> noMax = request(List.of(user("hi")));
        noMax.remove("max_tokens");
        assertRefused(
                Lambda.post(MESSAGES, noMax),
                400,
                "invalid_request_error",
                "max_tokens: Field required");
        assertRefused(
                Lambda.post(MESSAGES, request(List.of())),
                400,
                "invalid_request_error",
                "messages");
    }

    @Test
    void aBodyThatIsNotJsonIsAnAnthropicError() {
        ProxyResult result = Lambda.invoke(Lambda.http("POST", MESSAGES, "{not json"));
        assertRefused(result, 400, "invalid_request_error", "not valid JSON");
    }

    @Test
    void aToolResultForAnUnknownToolUseIsRefused() {
        Map<String, Object> body =
                request(
                        List.of(
                                user("What is the weather in Paris?"),
                                Map.of(
                                        "role",
                                        "assistant",
                                        "content",
                                        List.of(
                                                Map.of(
                                                        "type",
                                                        "tool_use",
                                                        "id",
                                                        "toolu_1",
                                                        "name",
                                                        "get_weather",
                                                        "input",
                                                        Map.of("city", "Paris")))),
                                user(
                                        List.of(
                                                Map.of(
                                                        "type",
                                                        "tool_result",
                                                        "tool_use_id",
                                                        "toolu_forged",
                                                        "content",
                                                        "sunny")))));
        body.put(
                "tools",
                List.of(Map.of("name", "get_weather", "input_schema", Map.of("type", "object"))));
        assertRefused(
                Lambda.post(MESSAGES, body),
                400,
                "invalid_request_error",
                "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_forged");
    }

    @Test
    void aTamperedThinkingSignatureIsRefusedAsBedrockRefusesIt() {
        Map<String, Object> body =
                request(
                        List.of(
                                user("Why do rivers meander?"),
                                Map.of(
                                        "role",
                                        "assistant",
                                        "content",
                                        List.of(
                                                Map.of(
                                                        "type",
                                                        "thinking",
                                                        "thinking",
                                                        "Rivers erode outer banks.",
                                                        "signature",
                                                        "EmUforged"),
                                                Map.of("type", "text", "text", "Erosion."))),
                                user("Tell me more.")));
        body.put("max_tokens", 4096);
        body.put("thinking", Map.of("type", "enabled", "budget_tokens", 2048));
        ProxyResult result = Lambda.post(MESSAGES, body);
        assertEquals(400, result.status(), result.toString());
        assertEquals("invalid_request_error", result.body().at("/error/type").asText());
        assertTrue(
                result.body()
                        .at("/error/message")
                        .asText()
                        .contains("Invalid `signature` in `thinking` block"),
                result.toString());
    }

    @Test
    void imagesOverBedrocksLimitsAreRefused() {
        byte[] png = new byte[33];
        ByteBuffer.wrap(png)
                .put(
                        new byte[] {
                            (byte) 0x89,
                            'P',
                            'N',
                            'G',
                            '\r',
                            '\n',
                            0x1a,
                            '\n',
                            0,
                            0,
                            0,
                            13,
                            'I',
                            'H',
                            'D',
                            'R'
                        })
                .putInt(9000)
                .putInt(9000);
        Map<String, Object> image =
                Map.of(
                        "type",
                        "image",
                        "source",
                        Map.of(
                                "type",
                                "base64",
                                "media_type",
                                "image/png",
                                "data",
                                Base64.getEncoder().encodeToString(png)));
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(user(List.of(image))))),
                400,
                "invalid_request_error",
                "9000x9000 pixels");
        Map<String, Object> bmp =
                Map.of(
                        "type",
                        "image",
                        "source",
                        Map.of("type", "base64", "media_type", "image/bmp", "data", "AAAA"));
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(user(List.of(bmp))))),
                400,
                "invalid_request_error",
                "media_type");
        Map<String, Object> remote =
                Map.of(
                        "type",
                        "image",
                        "source",
                        Map.of("type", "url", "url", "http://169.254.169.254/"));
        assertRefused(
                Lambda.post(MESSAGES, request(List.of(user(List.of(remote))))),
                400,
                "invalid_request_error",
                "does not fetch");
    }

    @Test
    void anUnknownModelNamesTheModelsToPass() {
        Map<String, Object> body = request(List.of(user("hi")));
        body.put("model", "claude-opus-9-9");
        JsonNode error =
                assertRefused(
                        Lambda.post(MESSAGES, body), 404, "not_found_error", "claude-opus-9-9");
        assertTrue(
                error.at("/error/message").asText().contains("claude-sonnet-4-6"),
                error.toString());
    }

    @Test
    void aHugeToolListIsTooLargeNotAFailure() {
        // Past the body limit (parley.http.max-body-bytes), refused before it is parsed.
        List<Map<String, Object>> tools = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            tools.add(
                    Map.of(
                            "name",
                            "tool_" + i,
                            "description",
                            "A tool that does thing number "
                                    + i
                                    + " well. "
                                    + "It is described at length, as MCP servers describe their tools. "
                                            .repeat(4),
                            "input_schema",
                            Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of("x", Map.of("type", "string")))));
        }
        Map<String, Object> body = request(List.of(user("hi")));
        body.put("tools", tools);
        assertRefused(Lambda.post(MESSAGES, body), 413, "request_too_large", "limit");
    }

    @Test
    void claudeCodesExtraFieldsAndServerToolsAreAcceptedNotFatal() {
        Map<String, Object> body = request(List.of(user("Name a river")));
        body.put("metadata", Map.of("user_id", "user_abc_account_def_session_123"));
        body.put(
                "context_management",
                Map.of("edits", List.of(Map.of("type", "clear_thinking_20251015"))));
        body.put("output_config", Map.of("effort", "medium"));
        body.put("stop_sequences", List.of("STOP"));
        body.put("top_k", 40);
        body.put(
                "tools",
                List.of(
                        Map.of("type", "web_search_20250305", "name", "web_search"),
                        Map.of(
                                "name",
                                "Read",
                                "description",
                                "Read a file",
                                "input_schema",
                                Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of("path", Map.of("type", "string"))))));
        ProxyResult result = Lambda.invoke(Lambda.http("POST", MESSAGES + "?beta=true", body));
        assertEquals(200, result.status(), result.toString());
        assertTrue(result.header("X-Parley-Warning").contains("web_search"), result.toString());
        JsonNode sent = Emulator.control().calls().get(0).path("body");
        assertEquals(1, sent.at("/toolConfig/tools").size(), sent.toString());
        assertEquals(40, sent.at("/additionalModelRequestFields/top_k").asInt(), sent.toString());
        assertEquals("STOP", sent.at("/inferenceConfig/stopSequences/0").asText());
    }
}
