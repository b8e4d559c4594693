package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Structured outputs on every family: Chat Completions' response_format, the Responses API's
 * text.format and Parley's own responseFormat on POST /v1/chat; natively (outputConfig.textFormat)
 * on a model whose feature-matrix row takes it, as a forced tool call on one that does not; the
 * answer validated, retried once, then refused.
 */
@QuarkusTest
class StructuredOutputsTest {
    static final Map<String, Object> CITY =
            Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of(
                            "city",
                            Map.of("type", "string"),
                            "population",
                            Map.of("type", "integer")),
                    "required",
                    List.of("city", "population"),
                    "additionalProperties",
                    false);

    private OpenAIClient client;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        client = OpenAiClients.client();
    }

    private String chatCompletion(String model, Object format) {
        return client.chat()
                .completions()
                .create(
                        ChatCompletionCreateParams.builder()
                                .model(model)
                                .addUserMessage("Lisbon has 545000 people; describe it in Lisbon")
                                .responseFormat(JsonValue.from(format))
                                .build())
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();
    }

    private static Map<String, Object> jsonSchema(Object schema) {
        return Map.of(
                "type",
                "json_schema",
                "json_schema",
                Map.of("name", "city_facts", "strict", true, "schema", schema));
    }

    @Test
    void aModelWithoutNativeStructuredOutputAnswersThroughAForcedTool() {
        JsonNode answer = json(chatCompletion("nova-micro", jsonSchema(CITY)));
        assertEquals(545000, answer.path("population").asInt(), answer.toString());
        assertTrue(answer.path("city").isTextual());
        JsonNode call = Emulator.control().calls().get(0).path("body");
        assertEquals(
                "city_facts",
                call.path("toolConfig").path("toolChoice").path("tool").path("name").asText());
        assertFalse(call.has("outputConfig"));
    }

    @Test
    void aModelWithNativeStructuredOutputGetsOutputConfig() {
        JsonNode answer = json(chatCompletion("claude-haiku-4-5", jsonSchema(CITY)));
        assertEquals(
                Map.of("city", true, "population", true),
                Map.of(
                        "city",
                        answer.path("city").isTextual(),
                        "population",
                        answer.path("population").isIntegralNumber()));
        JsonNode format =
                Emulator.control()
                        .calls()
                        .get(0)
                        .path("body")
                        .path("outputConfig")
                        .path("textFormat");
        assertEquals("json_schema", format.path("type").asText());
        assertEquals(
                CITY,
                Lambda.JSON.convertValue(
                        json(format.path("structure").path("jsonSchema").path("schema").asText()),
                        Map.class));
        assertFalse(Emulator.control().calls().get(0).path("body").has("toolConfig"));
    }

    @Test
    void jsonObjectAnswersAnObject() {
        assertTrue(json(chatCompletion("nova-micro", Map.of("type", "json_object"))).isObject());
    }

    @Test
    void aSchemaBedrockRefusesIsA400() {
        Map<String, Object> bounded =
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of("age", Map.of("type", "integer", "minimum", 0)),
                        "required",
                        List.of("age"),
                        "additionalProperties",
                        false);
        BadRequestException refused =
                assertThrows(
                        BadRequestException.class,
                        () -> chatCompletion("claude-haiku-4-5", jsonSchema(bounded)));
        assertTrue(refused.getMessage().contains("minimum"), refused.getMessage());
        // The Responses API refuses it the same way, and stores nothing for the refused turn.
        BadRequestException response =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.responses()
                                        .create(
                                                ResponseCreateParams.builder()
                                                        .model("claude-haiku-4-5")
                                                        .input("How old?")
                                                        .text(
                                                                JsonValue.from(
                                                                        Map.of(
                                                                                "format",
                                                                                Map.of(
                                                                                        "type",
                                                                                        "json_schema",
                                                                                        "name",
                                                                                        "age",
                                                                                        "schema",
                                                                                        bounded))))
                                                        .build()));
        assertEquals(400, response.statusCode());
    }

    @Test
    void anInvalidAnswerIsRetriedOnceThenRefused() {
        Emulator.control().scriptToolUse(null, "city_facts", "{\"city\": 7}");
        JsonNode answer = json(chatCompletion("nova-micro", jsonSchema(CITY)));
        assertEquals(545000, answer.path("population").asInt());
        assertEquals(2, Emulator.control().calls().size(), "one retry");

        Emulator.control().reset();
        Emulator.control().scriptToolUse(null, "city_facts", "{\"city\": 7}");
        Emulator.control().scriptToolUse(null, "city_facts", "{\"town\": \"Porto\"}");
        InternalServerException failed =
                assertThrows(
                        InternalServerException.class,
                        () -> chatCompletion("nova-micro", jsonSchema(CITY)));
        assertTrue(
                failed.getMessage().contains("did not produce JSON matching the requested schema"),
                failed.getMessage());
        assertEquals(2, Emulator.control().calls().size());
    }

    @Test
    void responsesTextFormatWholeAndStreamed() {
        ResponseCreateParams params =
                ResponseCreateParams.builder()
                        .model("qwen3-32b")
                        .input("Lisbon has 545000 people; describe it in Lisbon")
                        .text(
                                JsonValue.from(
                                        Map.of(
                                                "format",
                                                Map.of(
                                                        "type",
                                                        "json_schema",
                                                        "name",
                                                        "city_facts",
                                                        "strict",
                                                        true,
                                                        "schema",
                                                        CITY))))
                        .build();
        Response response = client.responses().create(params);
        assertEquals(
                545000, json(ResponsesSdkTest.outputText(response)).path("population").asInt());
        assertTrue(Emulator.control().calls().get(0).path("body").has("outputConfig"));

        StringBuilder streamed = new StringBuilder();
        try (var stream = client.responses().createStreaming(params)) {
            stream.stream()
                    .filter(ResponseStreamEvent::isOutputTextDelta)
                    .forEach(event -> streamed.append(event.asOutputTextDelta().delta()));
        }
        assertEquals(545000, json(streamed.toString()).path("population").asInt());
    }

    @Test
    void parleysOwnChatTakesResponseFormat() {
        Lambda.ProxyResult result =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "message",
                                "Lisbon has 545000 people; in Lisbon",
                                "model",
                                "nova-micro",
                                "responseFormat",
                                Map.of(
                                        "type",
                                        "json_schema",
                                        "name",
                                        "city_facts",
                                        "schema",
                                        CITY)));
        assertEquals(201, result.status(), result.toString());
        assertEquals(545000, json(result.body().path("reply").asText()).path("population").asInt());

        Lambda.ProxyResult refused =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "message",
                                "hi",
                                "responseFormat",
                                Map.of("type", "json_schema", "schema", "not a schema")));
        assertEquals(400, refused.status());
        assertEquals("validation_error", refused.body().path("error").path("code").asText());
    }

    @Test
    void aResponseFormatInAConversationThatCarriesToolsOverSaysSo() {
        Lambda.ProxyResult tools =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "message",
                                "What's the weather in Lisbon?",
                                "tools",
                                java.util.List.of("get_weather")));
        assertEquals(201, tools.status(), tools.toString());
        String conversation = tools.body().path("conversationId").asText();
        Map<String, Object> format =
                Map.of("type", "json_schema", "name", "city_facts", "schema", CITY);

        Lambda.ProxyResult carried =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "conversationId",
                                conversation,
                                "message",
                                "Lisbon has 545000 people; in Lisbon",
                                "responseFormat",
                                format));
        assertEquals(400, carried.status(), carried.toString());
        String message = carried.body().path("error").path("message").asText();
        assertTrue(
                message.contains("earlier turns used tools")
                        && message.contains("new conversation"),
                message);

        Lambda.ProxyResult named =
                Lambda.post(
                        "/v1/chat",
                        Map.of(
                                "message",
                                "Lisbon",
                                "tools",
                                java.util.List.of("get_weather"),
                                "responseFormat",
                                format));
        assertEquals(400, named.status(), named.toString());
        assertTrue(
                named.body()
                        .path("error")
                        .path("message")
                        .asText()
                        .contains("cannot be combined with tools"),
                named.toString());
    }

    private static JsonNode json(String text) {
        try {
            return Lambda.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
