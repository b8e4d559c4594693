package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How each OpenAI message, tool and parameter case becomes a Converse request (read back from
 * the emulator's call log), how each stop reason comes back, and which input gets an
 * OpenAI-shaped 400 naming the parameter.
 */
@QuarkusTest
class OpenAiMappingTest {
    static final String TOOLS =
            """
            [{"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
             {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}]""";
    static final String TOOL_HISTORY =
            """
            {"role": "user", "content": "Weather and time in Paris?"},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}},
              {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": ""}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18 degrees"},
            {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "10:00"}]}""";

    /** A 1x1 PNG. */
    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static ProxyResult complete(String json) {
        return Lambda.post("/openai/v1/chat/completions", json);
    }

    static JsonNode lastCall() {
        var calls = Emulator.control().calls();
        return calls.get(calls.size() - 1).path("body");
    }

    static void assertInvalid(ProxyResult result, String param) {
        assertEquals(400, result.status(), result.toString());
        JsonNode error = result.body().path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), result.toString());
        assertEquals(param, error.path("param").asText(), result.toString());
        assertFalse(error.path("message").asText().isBlank());
        assertTrue(error.has("code"), "OpenAI's error shape has a code member: " + result);
    }

    @Test
    void systemDeveloperUserAndAssistantMessages() {
        ProxyResult result =
                complete(
                        """
                {"model": "nova-micro", "messages": [
                  {"role": "assistant", "content": "Hi! I open conversations."},
                  {"role": "system", "content": "Be brief."},
                  {"role": "developer", "content": [{"type": "text", "text": "Answer in English."}]},
                  {"role": "user", "content": "First question"},
                  {"role": "assistant", "content": [{"type": "text", "text": "First answer"}]},
                  {"role": "user", "content": [{"type": "text", "text": "Second "}, {"type": "text", "text": "question"}]},
                  {"role": "user", "content": "and more"}],
                 "temperature": 0.2, "top_p": 0.9, "max_completion_tokens": 300, "stop": "never-said", "user": "u-1"}""");
        assertEquals(200, result.status(), result.toString());
        assertEquals("chat.completion", result.body().path("object").asText());
        assertTrue(result.body().path("created").asLong() > 1_700_000_000L);
        JsonNode body = lastCall();
        assertEquals(
                "Be brief.\n\nAnswer in English.",
                body.path("system").get(0).path("text").asText());
        JsonNode messages = body.path("messages");
        // The leading assistant turn is dropped; the two user turns at the end are one.
        assertEquals(3, messages.size(), messages.toString());
        assertEquals("user", messages.get(0).path("role").asText());
        assertEquals(
                "First question", messages.get(0).path("content").get(0).path("text").asText());
        assertEquals("First answer", messages.get(1).path("content").get(0).path("text").asText());
        assertEquals(3, messages.get(2).path("content").size());
        JsonNode inference = body.path("inferenceConfig");
        assertEquals(0.2, inference.path("temperature").asDouble(), 1e-6);
        assertEquals(0.9, inference.path("topP").asDouble(), 1e-6);
        assertEquals(300, inference.path("maxTokens").asInt());
        assertEquals("never-said", inference.path("stopSequences").get(0).asText());
    }

    @Test
    void imagePartsReachVisionModelsOnly() {
        ProxyResult result =
                complete(
                        """
                {"model": "nova-lite", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,%s"}}]}]}"""
                                .formatted(PNG));
        assertEquals(200, result.status(), result.toString());
        JsonNode image = lastCall().path("messages").get(0).path("content").get(1).path("image");
        assertEquals("png", image.path("format").asText());
        assertEquals(PNG, image.path("source").path("bytes").asText());

        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,%s"}}]}]}"""
                                .formatted(PNG)),
                "messages[0].content[0]");
        assertInvalid(
                complete(
                        """
                {"model": "nova-lite", "messages": [{"role": "user", "content": [
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}"""),
                "messages[0].content[0].image_url.url");
        assertInvalid(
                complete(
                        """
                {"model": "nova-lite", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "", "format": "wav"}}]}]}"""),
                "messages[0].content[0].type");
    }

    @Test
    void toolCallsAndConsecutiveToolMessagesBecomeToolUseAndOneTurnOfResults() {
        ProxyResult result =
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "messages": [%s]}"""
                                .formatted(TOOLS, TOOL_HISTORY));
        assertEquals(200, result.status(), result.toString());
        JsonNode messages = lastCall().path("messages");
        assertEquals(3, messages.size(), messages.toString());
        JsonNode uses = messages.get(1).path("content");
        assertEquals("call_1", uses.get(0).path("toolUse").path("toolUseId").asText());
        assertEquals("Paris", uses.get(0).path("toolUse").path("input").path("city").asText());
        assertTrue(
                uses.get(1).path("toolUse").path("input").isObject(),
                "empty arguments are an empty object");
        JsonNode results = messages.get(2).path("content");
        assertEquals(2, results.size());
        assertEquals("call_2", results.get(1).path("toolResult").path("toolUseId").asText());
        assertEquals(
                "10:00",
                results.get(1).path("toolResult").path("content").get(0).path("text").asText());
        assertEquals("auto", lastCall().path("toolConfig").path("toolChoice").fieldNames().next());
        assertEquals(
                "Current weather for a city",
                lastCall()
                        .path("toolConfig")
                        .path("tools")
                        .get(0)
                        .path("toolSpec")
                        .path("description")
                        .asText());
        assertEquals("stop", result.body().path("choices").get(0).path("finish_reason").asText());
    }

    @Test
    void toolChoiceModes() {
        String ask = "[{\"role\": \"user\", \"content\": \"Hello there\"}]";
        assertEquals(
                200,
                complete(
                                """
                {"model": "nova-micro", "tools": %s, "tool_choice": "required", "messages": %s}"""
                                        .formatted(TOOLS, ask))
                        .status());
        assertTrue(lastCall().path("toolConfig").path("toolChoice").has("any"));

        ProxyResult named =
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "tool_choice": {"type": "function", "function": {"name": "get_time"}},
                 "messages": %s}"""
                                .formatted(TOOLS, ask));
        assertEquals(
                "get_time",
                lastCall()
                        .path("toolConfig")
                        .path("toolChoice")
                        .path("tool")
                        .path("name")
                        .asText());
        JsonNode call =
                named.body().path("choices").get(0).path("message").path("tool_calls").get(0);
        assertEquals("get_time", call.path("function").path("name").asText());
        assertEquals("function", call.path("type").asText());
        assertTrue(named.body().path("choices").get(0).path("message").path("content").isNull());
        assertEquals(
                "tool_calls", named.body().path("choices").get(0).path("finish_reason").asText());

        // none: no toolConfig, and the tool history the model reads is plain text.
        ProxyResult none =
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "tool_choice": "none", "messages": [%s]}"""
                                .formatted(TOOLS, TOOL_HISTORY));
        assertEquals(200, none.status(), none.toString());
        assertFalse(lastCall().has("toolConfig"), lastCall().toString());
        String flattened = lastCall().path("messages").toString();
        assertFalse(flattened.contains("toolUse"), flattened);
        assertTrue(
                flattened.contains("get_weather") && flattened.contains("18 degrees"), flattened);

        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "tool_choice": "required", "messages": %s}"""
                                .formatted(ask)),
                "tool_choice");
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "tool_choice": {"type": "function", "function": {"name": "nope"}},
                 "messages": %s}"""
                                .formatted(TOOLS, ask)),
                "tool_choice");
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "tools": [{"type": "code_interpreter"}], "messages": %s}"""
                                .formatted(ask)),
                "tools[0].type");
        assertInvalid(
                complete(
                        """
                {"model": "deepseek-r1", "tools": %s, "messages": %s}"""
                                .formatted(TOOLS, ask)),
                "tools");
    }

    @Test
    void finishReasons() {
        Emulator.control()
                .script(
                        """
                {"reply": {"text": "I cannot help with that."}, "stopReason": "guardrail_intervened"}""");
        assertEquals(
                "content_filter",
                finishReasonOf("{\"role\": \"user\", \"content\": \"Something bad\"}", ""));
        assertEquals(
                "length",
                finishReasonOf(
                        "{\"role\": \"user\", \"content\": \"A long question for the model\"}",
                        ", \"max_tokens\": 2"));
        // The model stops at the stop sequence (Bedrock's stop_sequence), which OpenAI calls stop.
        assertEquals(
                "stop",
                finishReasonOf(
                        "{\"role\": \"user\", \"content\": \"Tell the festival hello\"}",
                        ", \"stop\": [\"festival\"]"));
        assertEquals(
                "[\"festival\"]",
                lastCall().path("inferenceConfig").path("stopSequences").toString());
    }

    private static String finishReasonOf(String message, String extra) {
        ProxyResult result =
                complete(
                        "{\"model\": \"nova-micro\", \"messages\": ["
                                + message
                                + "]"
                                + extra
                                + "}");
        assertEquals(200, result.status(), result.toString());
        return result.body().path("choices").get(0).path("finish_reason").asText();
    }

    @Test
    void reasoningEffortBecomesAThinkingBudgetWhereTheModelHasOne() {
        ProxyResult result =
                complete(
                        """
                {"model": "claude-haiku-4-5", "reasoning_effort": "low", "max_completion_tokens": 4000,
                 "messages": [{"role": "user", "content": "Think about the festival"}]}""");
        assertEquals(200, result.status(), result.toString());
        JsonNode thinking = lastCall().path("additionalModelRequestFields").path("thinking");
        assertEquals("enabled", thinking.path("type").asText());
        assertEquals(2048, thinking.path("budget_tokens").asInt());
        // The emulator's Claude thinks when asked: its reasoning comes apart from the answer.
        JsonNode message = result.body().path("choices").get(0).path("message");
        String reasoning = message.path("reasoning_content").asText("");
        assertFalse(reasoning.isBlank(), result.toString());
        assertFalse(message.path("content").asText().contains(reasoning), result.toString());
        ProxyResult plain =
                complete(
                        """
                {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "Hello"}]}""");
        assertFalse(
                plain.body().path("choices").get(0).path("message").has("reasoning_content"),
                "no thinking asked, no reasoning_content: " + plain);
        ProxyResult streamed =
                complete(
                        """
                {"model": "claude-haiku-4-5", "reasoning_effort": "minimal", "max_completion_tokens": 4000, "stream": true,
                 "messages": [{"role": "user", "content": "Think about the festival"}]}""");
        String events = streamed.raw().path("body").asText();
        java.util.regex.Matcher firstText =
                java.util.regex.Pattern.compile("\"content\":\"[^\"]").matcher(events);
        assertTrue(firstText.find(), events);
        int firstReasoning = events.indexOf("\"reasoning_content\"");
        assertTrue(
                firstReasoning > 0 && firstReasoning < firstText.start(),
                "reasoning deltas come first: " + events);

        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "reasoning_effort": "high", "messages": [{"role": "user", "content": "x"}]}"""),
                "reasoning_effort");
        assertInvalid(
                complete(
                        """
                {"model": "claude-haiku-4-5", "reasoning_effort": "high", "temperature": 0.5,
                 "messages": [{"role": "user", "content": "x"}]}"""),
                "temperature");
        assertInvalid(
                complete(
                        """
                {"model": "claude-haiku-4-5", "reasoning_effort": "extreme", "messages": [{"role": "user", "content": "x"}]}"""),
                "reasoning_effort");
    }

    @Test
    void badInputIsAnOpenAiShaped400() {
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "messages": [{"role": "user", "content": "hi"},
                  {"role": "tool", "tool_call_id": "call_9", "content": "orphan"}]}"""),
                "messages[1].role");
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "tools": %s, "messages": [{"role": "user", "content": "hi"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "get_time", "arguments": "{}"}}]},
                  {"role": "user", "content": "never answered"}]}"""
                                .formatted(TOOLS)),
                "messages[1].tool_calls");
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "messages": [{"role": "user", "content": "hi"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "get_time", "arguments": "{not json"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "x"}]}"""),
                "messages[1].tool_calls[0].function.arguments");
        assertInvalid(
                complete(
                        """
                {"model": "nova-micro", "messages": [{"role": "user", "content": "hi"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "get_time", "arguments": "[1, 2]"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "x"}]}"""),
                "messages[1].tool_calls[0].function.arguments");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                "n");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}"),
                "messages[0].role");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"function\", \"name\": \"f\", \"content\": \"1\"}]}"),
                "messages[0].role");
        assertInvalid(complete("{\"model\": \"nova-micro\", \"messages\": []}"), "messages");
        assertInvalid(complete("{\"model\": \"nova-micro\"}"), "messages");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"messages\": [{\"role\": \"system\", \"content\": \"only\"}]}"),
                "messages");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"temperature\": 1.5, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                "temperature");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"max_tokens\": 999999, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                "max_tokens");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"], \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                "stop");
        assertInvalid(
                complete(
                        "{\"model\": \"nova-micro\", \"response_format\": {\"type\": \"xml\"}, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                "response_format.type");
        assertTrue(Emulator.control().calls().isEmpty(), "no refused request reached Bedrock");
    }

    @Test
    void routeLevelErrorsAreInOpenAiShapeToo() {
        ProxyResult notJson = complete("{not json");
        assertEquals(400, notJson.status());
        assertEquals("invalid_request_error", notJson.body().path("error").path("type").asText());
        ProxyResult unknownPath = Lambda.get("/openai/v1/assistants");
        assertEquals(404, unknownPath.status());
        assertTrue(unknownPath.body().path("error").has("param"), unknownPath.toString());
        ProxyResult wrongMethod = Lambda.get("/openai/v1/chat/completions");
        assertEquals(405, wrongMethod.status());
        assertEquals(
                "invalid_request_error", wrongMethod.body().path("error").path("type").asText());
        ProxyResult unknownModel =
                complete(
                        "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertEquals(404, unknownModel.status());
        assertEquals("model", unknownModel.body().path("error").path("param").asText());
        // Parley's own routes keep Parley's error shape.
        assertEquals("not_found", Lambda.get("/v1/nope").errorCode());
    }

    @Test
    void streamedBodyIsAnEventStreamEvenWhenDeliveredWhole() {
        ProxyResult result =
                complete(
                        """
                {"model": "nova-micro", "stream": true, "messages": [{"role": "user", "content": "Hello festival"}]}""");
        assertEquals(200, result.status());
        assertTrue(
                result.header("Content-Type").startsWith("text/event-stream"), result.toString());
        String body = result.raw().path("body").asText();
        assertTrue(body.startsWith("data: {"), body);
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        assertFalse(
                body.contains("\"usage\""),
                "usage only when stream_options.include_usage: " + body);

        // A failure before the first token is an ordinary error response.
        Emulator.control()
                .script(
                        "{\"reply\": {\"error\": {\"type\": \"ValidationException\", \"message\": \"bad\"}}}");
        ProxyResult refused =
                complete(
                        """
                {"model": "nova-micro", "stream": true, "messages": [{"role": "user", "content": "Hello"}]}""");
        assertEquals(400, refused.status(), refused.toString());
        // A failure mid-stream ends the stream with an error event.
        Emulator.control()
                .script(
                        """
                {"reply": {"text": "one two three four"}, "streamErrorAfterDeltas": 2}""");
        ProxyResult broken =
                complete(
                        """
                {"model": "nova-micro", "stream": true, "messages": [{"role": "user", "content": "Hello"}]}""");
        String events = broken.raw().path("body").asText();
        assertTrue(events.contains("\"error\""), events);
        assertFalse(events.contains("[DONE]"), events);
    }

    @Test
    void embeddingsInBase64AreTheFloatVectorsBytes() {
        ProxyResult floats =
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"amazon.titan-embed-text-v2:0\", \"input\": \"river festival\", \"dimensions\": 512}");
        assertEquals(200, floats.status(), floats.toString());
        assertEquals("amazon.titan-embed-text-v2:0", floats.body().path("model").asText());
        JsonNode vector = floats.body().path("data").get(0).path("embedding");
        assertEquals(512, vector.size());
        JsonNode titanBody = lastCall();
        assertEquals("river festival", titanBody.path("inputText").asText());
        assertEquals(512, titanBody.path("dimensions").asInt());

        ProxyResult encoded =
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"titan-embed-v2\","
                                + " \"input\": [\"river festival\"], \"dimensions\": 512, \"encoding_format\": \"base64\"}");
        ByteBuffer bytes =
                ByteBuffer.wrap(
                                Base64.getDecoder()
                                        .decode(
                                                encoded.body()
                                                        .path("data")
                                                        .get(0)
                                                        .path("embedding")
                                                        .asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 512; i++) {
            assertEquals(vector.get(i).floatValue(), bytes.getFloat(), 0f);
        }

        ProxyResult cohere =
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"cohere-embed-multilingual\", \"input\": [\"a\", \"b\"], \"input_type\": \"search_query\"}");
        assertEquals(200, cohere.status(), cohere.toString());
        assertEquals("search_query", lastCall().path("input_type").asText());
        assertEquals(2, lastCall().path("texts").size());
        assertTrue(cohere.body().path("usage").path("prompt_tokens").asInt() > 0);

        assertInvalid(
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"titan-embed-v2\", \"input\": [[1, 2]]}"),
                "input[0]");
        assertInvalid(
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"titan-embed-v2\", \"input\": \"\"}"),
                "input");
        assertInvalid(
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"cohere-embed-english\", \"input\": \"x\", \"dimensions\": 256}"),
                "dimensions");
        assertInvalid(
                Lambda.post(
                        "/openai/v1/embeddings",
                        "{\"model\": \"titan-embed-v2\", \"input\": \"x\", \"encoding_format\": \"int8\"}"),
                "encoding_format");
        assertEquals(
                404,
                Lambda.post(
                                "/openai/v1/embeddings",
                                "{\"model\": \"nova-micro\", \"input\": \"x\"}")
                        .status());
    }
}
