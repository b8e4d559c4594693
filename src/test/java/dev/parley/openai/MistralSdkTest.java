package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mistral Large 3 and the Ministral 3 models through the official OpenAI SDK, with the cells AWS's
 * Mistral sample sources: Large 3 takes a system prompt and tools with toolChoice auto only; the
 * Ministral 3B and 8B rows take tools but no system prompt (Parley puts the instructions in front
 * of the first message); Ministral 14B takes a system prompt and no tools. Each is called in-Region
 * by its bare id (no AWS page names a profile for them).
 */
@QuarkusTest
class MistralSdkTest {

    private OpenAIClient client;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        client = OpenAiClients.client();
    }

    @Test
    void mistralLarge3TakesASystemPromptAndCallsATool() {
        ChatCompletion completion =
                client.chat()
                        .completions()
                        .create(
                                ChatCompletionCreateParams.builder()
                                        .model("mistral-large-3")
                                        .addSystemMessage("You are terse.")
                                        .addFunctionTool(OpenAiSdkTest.weatherTool())
                                        .addUserMessage("What is the weather in Lyon?")
                                        .build());

        assertEquals("mistral-large-3", completion.model());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        ChatCompletionMessageFunctionToolCall call =
                choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertTrue(call.function().arguments().contains("Lyon"), call.function().arguments());

        List<JsonNode> calls = Emulator.control().calls();
        assertEquals(1, calls.size(), calls.toString());
        JsonNode sent = calls.get(0);
        assertEquals("converse", sent.path("operation").asText(), sent.toString());
        assertEquals("mistral.mistral-large-3-675b-instruct", sent.path("modelId").asText());
        JsonNode body = sent.path("body");
        assertEquals("You are terse.", body.path("system").get(0).path("text").asText());
        assertEquals(
                "get_weather",
                body.path("toolConfig")
                        .path("tools")
                        .get(0)
                        .path("toolSpec")
                        .path("name")
                        .asText());
        assertTrue(
                body.path("toolConfig").path("toolChoice").path("any").isMissingNode(),
                body.toString());
    }

    @Test
    void mistralLarge3RefusesAForcedToolBeforeBedrock() {
        BadRequestException refused =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model("mistral-large-3")
                                                        .addFunctionTool(
                                                                OpenAiSdkTest.weatherTool())
                                                        .toolChoice(
                                                                ChatCompletionToolChoiceOption.Auto
                                                                        .REQUIRED)
                                                        .addUserMessage("Weather in Lyon?")
                                                        .build()));

        assertEquals(400, refused.statusCode());
        assertTrue(refused.getMessage().contains("mistral-large-3"), refused.getMessage());
        assertTrue(refused.getMessage().contains("toolChoice 'any'"), refused.getMessage());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock is called");
    }

    @Test
    void ministral38bGetsTheInstructionsInItsFirstMessage() {
        ChatCompletion completion =
                client.chat()
                        .completions()
                        .create(
                                ChatCompletionCreateParams.builder()
                                        .model("ministral-3-8b")
                                        .addSystemMessage("Answer in French.")
                                        .addUserMessage("Name a river.")
                                        .build());

        assertTrue(completion.choices().get(0).message().content().isPresent());
        JsonNode sent = Emulator.control().calls().get(0);
        assertEquals("mistral.ministral-3-8b-instruct", sent.path("modelId").asText());
        JsonNode body = sent.path("body");
        assertTrue(body.path("system").isMissingNode(), "no system block: " + body);
        StringBuilder first = new StringBuilder();
        body.path("messages")
                .get(0)
                .path("content")
                .forEach(b -> first.append(b.path("text").asText()));
        assertTrue(first.toString().contains("Answer in French."), first.toString());
        assertTrue(first.toString().contains("Name a river."), first.toString());
    }

    @Test
    void ministral314bRefusesToolsBeforeBedrock() {
        BadRequestException refused =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model("ministral-3-14b")
                                                        .addFunctionTool(
                                                                OpenAiSdkTest.weatherTool())
                                                        .addUserMessage("Weather in Lyon?")
                                                        .build()));

        assertEquals(400, refused.statusCode());
        assertTrue(refused.getMessage().contains("ministral-3-14b"), refused.getMessage());
        assertTrue(refused.getMessage().contains("tool use"), refused.getMessage());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock is called");
    }
}
