package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK's Responses API against {@code /openai/v1/responses} (through the
 * local API gateway and the Lambda runtime, against the Bedrock emulator and DynamoDB Local).
 */
@QuarkusTest
class ResponsesSdkTest {
    static final String MODEL = "nova-micro";
    static final Map<String, Object> WEATHER =
            Map.of(
                    "type",
                    "function",
                    "name",
                    "get_weather",
                    "description",
                    "Current weather for a city",
                    "strict",
                    true,
                    "parameters",
                    Map.of(
                            "type",
                            "object",
                            "properties",
                            Map.of("city", Map.of("type", "string")),
                            "required",
                            List.of("city"),
                            "additionalProperties",
                            false));

    private OpenAIClient client;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        client = OpenAiClients.client();
    }

    @Test
    void aPlainResponseIsAnsweredStoredAndDeleted() {
        Response response =
                client.responses()
                        .create(
                                ResponseCreateParams.builder()
                                        .model(MODEL)
                                        .instructions("You are terse.")
                                        .input("Say hello to the river festival")
                                        .build());
        assertTrue(response.id().startsWith("resp_"), response.id());
        assertEquals("You said: \"Say hello to the river festival\"", outputText(response));
        assertEquals("completed", response.status().orElseThrow().asString());
        assertTrue(response.usage().orElseThrow().inputTokens() > 0);
        JsonNode call = Emulator.control().calls().get(0).path("body");
        assertEquals("You are terse.", call.path("system").path(0).path("text").asText());

        Response stored = client.responses().retrieve(response.id());
        assertEquals(outputText(response), outputText(stored));
        client.responses().delete(response.id());
        assertThrows(NotFoundException.class, () -> client.responses().retrieve(response.id()));
    }

    @Test
    void aStreamSendsTheTypedEventsInOrder() {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Response completed;
        try (StreamResponse<ResponseStreamEvent> stream =
                client.responses()
                        .createStreaming(
                                ResponseCreateParams.builder()
                                        .model(MODEL)
                                        .input("Stream the harbour report please")
                                        .build())) {
            completed =
                    stream.stream()
                            .peek(
                                    event -> {
                                        types.add(type(event));
                                        if (event.isOutputTextDelta()) {
                                            text.append(event.asOutputTextDelta().delta());
                                        }
                                    })
                            .filter(ResponseStreamEvent::isCompleted)
                            .map(e -> e.asCompleted().response())
                            .findFirst()
                            .orElseThrow();
        }
        assertEquals("You said: \"Stream the harbour report please\"", text.toString());
        assertEquals(text.toString(), outputText(completed));
        assertEquals(
                List.of(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added"),
                types.subList(0, 4));
        assertTrue(
                types.contains("response.output_text.done")
                        && types.contains("response.output_item.done"),
                types.toString());
        assertEquals("response.completed", types.get(types.size() - 1));
        // Stored: the stream's response can be read back.
        assertEquals(
                outputText(completed), outputText(client.responses().retrieve(completed.id())));
    }

    @Test
    void functionToolsAreOfferedHostedToolsLeftOutAndNamed() {
        HttpResponseFor<Response> raw =
                client.responses()
                        .withRawResponse()
                        .create(
                                ResponseCreateParams.builder()
                                        .model(MODEL)
                                        .input("What is the weather in Lisbon?")
                                        .tools(
                                                JsonValue.from(
                                                        List.of(
                                                                WEATHER,
                                                                Map.of("type", "web_search"),
                                                                Map.of(
                                                                        "type",
                                                                        "namespace",
                                                                        "name",
                                                                        "codex_tools",
                                                                        "tools",
                                                                        List.of()))))
                                        .build());
        Response response = raw.parse();
        ResponseFunctionToolCall call =
                response.output().stream()
                        .filter(ResponseOutputItem::isFunctionCall)
                        .map(ResponseOutputItem::asFunctionCall)
                        .findFirst()
                        .orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Lisbon\"}", call.arguments());
        assertTrue(
                raw.headers().values("X-Parley-Warning").get(0).contains("web_search"),
                raw.headers().toString());
        assertEquals(
                "web_search,namespace:codex_tools",
                response.metadata()
                        .orElseThrow()
                        ._additionalProperties()
                        .get("parley_skipped_tools")
                        .asStringOrThrow());
        JsonNode tools =
                Emulator.control().calls().get(0).path("body").path("toolConfig").path("tools");
        assertEquals(1, tools.size(), tools.toString());
        // nova-micro takes no native structured output: strict is not sent to it.
        assertFalse(tools.get(0).path("toolSpec").has("strict"), tools.toString());
    }

    @Test
    void previousResponseIdContinuesAToolLoop() {
        Response first =
                client.responses()
                        .create(
                                ResponseCreateParams.builder()
                                        .model(MODEL)
                                        .input("What is the weather in Lisbon?")
                                        .tools(JsonValue.from(List.of(WEATHER)))
                                        .build());
        ResponseFunctionToolCall call =
                first.output().stream()
                        .filter(ResponseOutputItem::isFunctionCall)
                        .map(ResponseOutputItem::asFunctionCall)
                        .findFirst()
                        .orElseThrow();
        Response second =
                client.responses()
                        .create(
                                ResponseCreateParams.builder()
                                        .model(MODEL)
                                        .previousResponseId(first.id())
                                        .tools(JsonValue.from(List.of(WEATHER)))
                                        .input(
                                                ResponseCreateParams.Input.ofResponse(
                                                        List.of(
                                                                ResponseInputItem
                                                                        .ofFunctionCallOutput(
                                                                                ResponseInputItem
                                                                                        .FunctionCallOutput
                                                                                        .builder()
                                                                                        .callId(
                                                                                                call
                                                                                                        .callId())
                                                                                        .output(
                                                                                                "{\"temperature\": 21}")
                                                                                        .build()))))
                                        .build());
        assertFalse(outputText(second).isBlank());
        JsonNode messages = Emulator.control().calls().get(1).path("body").path("messages");
        assertEquals(3, messages.size(), messages.toString());
        assertEquals(
                "What is the weather in Lisbon?",
                messages.get(0).path("content").path(0).path("text").asText());
        assertEquals(
                call.callId(),
                messages.get(1).path("content").path(0).path("toolUse").path("toolUseId").asText());
        assertEquals(
                call.callId(),
                messages.get(2)
                        .path("content")
                        .path(0)
                        .path("toolResult")
                        .path("toolUseId")
                        .asText());
    }

    @Test
    void statelessReasoningTravelsEncryptedAndComesBackSigned() {
        ResponseCreateParams.Builder base =
                ResponseCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .store(false)
                        .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                        .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build())
                        .tools(JsonValue.from(List.of(WEATHER)));
        Response first =
                client.responses().create(base.input("What is the weather in Lisbon?").build());
        var reasoning =
                first.output().stream()
                        .filter(ResponseOutputItem::isReasoning)
                        .map(ResponseOutputItem::asReasoning)
                        .findFirst()
                        .orElseThrow();
        String sealed = reasoning.encryptedContent().orElseThrow();
        JsonNode firstAnswer = Emulator.control().calls().get(0);
        assertFalse(sealed.contains(reasoning.summary().get(0).text()), "the content is encrypted");
        ResponseFunctionToolCall call =
                first.output().stream()
                        .filter(ResponseOutputItem::isFunctionCall)
                        .map(ResponseOutputItem::asFunctionCall)
                        .findFirst()
                        .orElseThrow();
        assertThrows(
                NotFoundException.class,
                () -> client.responses().retrieve(first.id()),
                "store: false");

        List<ResponseInputItem> input =
                List.of(
                        ResponseInputItem.ofMessage(
                                ResponseInputItem.Message.builder()
                                        .role(ResponseInputItem.Message.Role.USER)
                                        .addInputTextContent("What is the weather in Lisbon?")
                                        .build()),
                        ResponseInputItem.ofReasoning(reasoning),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(
                                ResponseInputItem.FunctionCallOutput.builder()
                                        .callId(call.callId())
                                        .output("sunny, 21 C")
                                        .build()));
        Response second =
                client.responses()
                        .create(base.input(ResponseCreateParams.Input.ofResponse(input)).build());
        assertFalse(outputText(second).isBlank());
        JsonNode assistant = Emulator.control().calls().get(1).path("body").path("messages").get(1);
        JsonNode thinking =
                assistant.path("content").path(0).path("reasoningContent").path("reasoningText");
        assertEquals(
                reasoning.summary().get(0).text(),
                thinking.path("text").asText(),
                assistant.toString());
        assertFalse(
                thinking.path("signature").asText().isEmpty(),
                "the signature Bedrock needs is back");
        // Claude Sonnet 4.5 takes native structured output: the tool's strict reaches Bedrock.
        assertTrue(
                firstAnswer
                        .path("body")
                        .path("toolConfig")
                        .path("tools")
                        .path(0)
                        .path("toolSpec")
                        .path("strict")
                        .asBoolean(),
                firstAnswer.toString());

        // A tampered encrypted_content is refused before the model is called.
        int calls = Emulator.control().calls().size();
        char last = sealed.charAt(sealed.length() - 2);
        String tampered =
                sealed.substring(0, sealed.length() - 2)
                        + (last == 'A' ? 'B' : 'A')
                        + sealed.charAt(sealed.length() - 1);
        List<ResponseInputItem> forged =
                List.of(
                        input.get(0),
                        ResponseInputItem.ofReasoning(
                                reasoning.toBuilder().encryptedContent(tampered).build()),
                        input.get(2),
                        input.get(3));
        BadRequestException refused =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.responses()
                                        .create(
                                                base.input(
                                                                ResponseCreateParams.Input
                                                                        .ofResponse(forged))
                                                        .build()));
        assertEquals("input[1].encrypted_content", refused.param().orElseThrow());
        assertEquals(calls, Emulator.control().calls().size());
    }

    @Test
    void anotherOwnersResponseIsNotFound() {
        Lambda.ProxyResult created =
                Lambda.invoke(
                        Lambda.as(
                                "alice",
                                Lambda.http(
                                        "POST",
                                        "/openai/v1/responses",
                                        "{\"model\": \"nova-micro\", \"input\": \"hello from alice\"}")));
        assertEquals(200, created.status(), created.toString());
        String id = created.body().path("id").asText();
        assertEquals(
                200,
                Lambda.invoke(
                                Lambda.as(
                                        "alice",
                                        Lambda.http("GET", "/openai/v1/responses/" + id, null)))
                        .status());
        Lambda.ProxyResult bob =
                Lambda.invoke(
                        Lambda.as("bob", Lambda.http("GET", "/openai/v1/responses/" + id, null)));
        assertEquals(404, bob.status());
        assertEquals("invalid_request_error", bob.body().path("error").path("type").asText());
        assertEquals(
                404,
                Lambda.invoke(
                                Lambda.as(
                                        "bob",
                                        Lambda.http("DELETE", "/openai/v1/responses/" + id, null)))
                        .status());
        Lambda.ProxyResult continued =
                Lambda.invoke(
                        Lambda.as(
                                "bob",
                                Lambda.http(
                                        "POST",
                                        "/openai/v1/responses",
                                        "{\"model\": \"nova-micro\", \"input\": \"go on\", \"previous_response_id\": \""
                                                + id
                                                + "\"}")));
        assertEquals(404, continued.status());
        assertEquals("previous_response_id", continued.body().path("error").path("param").asText());
    }

    @Test
    void badInputIsAnOpenAiShaped400AndCallsNoModel() {
        BadRequestException empty =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.responses()
                                        .create(
                                                ResponseCreateParams.builder()
                                                        .model(MODEL)
                                                        .input(JsonValue.from(List.of()))
                                                        .build()));
        assertEquals("input", empty.param().orElseThrow());
        BadRequestException hosted =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.responses()
                                        .create(
                                                ResponseCreateParams.builder()
                                                        .model(MODEL)
                                                        .input("search the web")
                                                        .tools(
                                                                JsonValue.from(
                                                                        List.of(
                                                                                WEATHER,
                                                                                Map.of(
                                                                                        "type",
                                                                                        "web_search"))))
                                                        .toolChoice(
                                                                JsonValue.from(
                                                                        Map.of(
                                                                                "type",
                                                                                "web_search")))
                                                        .build()));
        assertEquals("tool_choice", hosted.param().orElseThrow());
        assertThrows(
                NotFoundException.class,
                () ->
                        client.responses()
                                .create(
                                        ResponseCreateParams.builder()
                                                .model("no-such-model")
                                                .input("hi")
                                                .build()));
        BadRequestException orphan =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.responses()
                                        .create(
                                                ResponseCreateParams.builder()
                                                        .model(MODEL)
                                                        .input(
                                                                JsonValue.from(
                                                                        List.of(
                                                                                Map.of(
                                                                                        "type",
                                                                                        "function_call_output",
                                                                                        "call_id",
                                                                                        "call_x",
                                                                                        "output",
                                                                                        "42"))))
                                                        .build()));
        assertEquals("input[0].call_id", orphan.param().orElseThrow());
        assertEquals(0, Emulator.control().calls().size());
    }

    static String outputText(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream()
                .filter(ResponseOutputItem::isMessage)
                .map(ResponseOutputItem::asMessage)
                .flatMap(m -> m.content().stream())
                .filter(c -> c.isOutputText())
                .forEach(c -> text.append(c.asOutputText().text()));
        return text.toString();
    }

    /** The event's {@code type} as it came over the wire. */
    private static String type(ResponseStreamEvent event) {
        try {
            return Lambda.JSON
                    .readTree(com.openai.core.ObjectMappers.jsonMapper().writeValueAsString(event))
                    .path("type")
                    .asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
