package dev.parley.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK, unmodified, against Parley's Anthropic Messages routes (through
 * the local API gateway and the Lambda runtime, against the Bedrock emulator).
 */
@QuarkusTest
class AnthropicSdkTest {
    /** Claude Code's small/fast model, by Anthropic's dated name. */
    static final String HAIKU = "claude-haiku-4-5-20251001";

    private AnthropicClient client;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        client = AnthropicClients.client();
    }

    static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(
                        Tool.InputSchema.builder()
                                .properties(
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .required(List.of("city"))
                                .build())
                .build();
    }

    @Test
    void aMessageByAnthropicsModelName() {
        Message message =
                client.messages()
                        .create(
                                MessageCreateParams.builder()
                                        .model(HAIKU)
                                        .maxTokens(200)
                                        .systemOfTextBlockParams(
                                                List.of(
                                                        TextBlockParam.builder()
                                                                .text("You are terse.")
                                                                .cacheControl(
                                                                        CacheControlEphemeral
                                                                                .builder()
                                                                                .build())
                                                                .build()))
                                        .addUserMessage("Say hello to the river festival")
                                        .build());
        assertTrue(message.id().startsWith("msg_"), message.id());
        assertEquals(HAIKU, message.model().asString());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(
                "You said: \"Say hello to the river festival\"",
                message.content().get(0).text().orElseThrow().text());
        assertTrue(message.usage().inputTokens() > 0 && message.usage().outputTokens() > 0);

        JsonNode call = Emulator.control().calls().get(0);
        assertEquals(
                "global.anthropic.claude-haiku-4-5-20251001-v1:0", call.path("modelId").asText());
        JsonNode system = call.path("body").path("system");
        assertEquals("You are terse.", system.get(0).path("text").asText());
        assertTrue(
                system.get(1).has("cachePoint"), "cache_control became a cache point: " + system);
        assertEquals(200, call.path("body").path("inferenceConfig").path("maxTokens").asInt());
    }

    @Test
    void claudeCodesDefaultModelAnswersWithItsAlwaysOnThinking() {
        // Claude Code 2.1 asks for claude-opus-5-5 when it is given no --model.
        Message message =
                client.messages()
                        .create(
                                MessageCreateParams.builder()
                                        .model("claude-opus-5-5")
                                        .maxTokens(2000)
                                        .addUserMessage("Say hello")
                                        .build());
        assertEquals("claude-opus-5-5", message.model().asString());
        assertTrue(message.content().stream().anyMatch(b -> b.isThinking()), message.toString());
        assertTrue(message.content().stream().anyMatch(b -> b.isText()), message.toString());
        assertEquals(
                "global.anthropic.claude-opus-5-5",
                Emulator.control().calls().get(0).path("modelId").asText());
    }

    @Test
    void everyCatalogModelAnswersThroughConverse() {
        for (String model :
                List.of("nova-micro", "llama-4-scout", "deepseek-v3", "gpt-oss-20b", "qwen3-32b")) {
            Message message =
                    client.messages()
                            .create(
                                    MessageCreateParams.builder()
                                            .model(model)
                                            .maxTokens(100)
                                            .addUserMessage("Name a river")
                                            .build());
            assertFalse(message.content().isEmpty(), model);
            assertEquals(model, message.model().asString());
        }
    }

    @Test
    void streamedEventsAccumulateToTheWholeAnswer() {
        MessageCreateParams params =
                MessageCreateParams.builder()
                        .model(HAIKU)
                        .maxTokens(300)
                        .addUserMessage("Tell the river festival that the trams run all night")
                        .build();
        String whole =
                client.messages().create(params).content().get(0).text().orElseThrow().text();

        List<RawMessageStreamEvent> events = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params)) {
            stream.stream()
                    .forEach(
                            event -> {
                                events.add(event);
                                accumulator.accumulate(event);
                            });
        }
        assertTrue(events.get(0).isMessageStart(), events.get(0).toString());
        assertTrue(events.get(1).isContentBlockStart(), events.get(1).toString());
        assertTrue(
                events.stream().filter(RawMessageStreamEvent::isContentBlockDelta).count() > 3,
                "one delta per word: " + events);
        assertTrue(events.get(events.size() - 2).isMessageDelta());
        assertTrue(events.get(events.size() - 1).isMessageStop());
        Message message = accumulator.message();
        assertEquals(whole, message.content().get(0).text().orElseThrow().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertTrue(message.usage().outputTokens() > 0);
    }

    @Test
    void toolRoundTripWithAnError() {
        MessageCreateParams.Builder params =
                MessageCreateParams.builder()
                        .model(HAIKU)
                        .maxTokens(500)
                        .addTool(weatherTool())
                        .addUserMessage("What is the weather in Paris?");
        Message asked = client.messages().create(params.build());
        assertEquals(StopReason.TOOL_USE, asked.stopReason().orElseThrow());
        ToolUseBlock use =
                asked.content().stream()
                        .filter(ContentBlock::isToolUse)
                        .findFirst()
                        .orElseThrow()
                        .toolUse()
                        .orElseThrow();
        assertEquals("get_weather", use.name());
        assertTrue(use._input().toString().contains("Paris"), use._input().toString());

        params.addMessage(asked.toParam())
                .addUserMessageOfContentBlockParams(
                        List.of(
                                ContentBlockParam.ofToolResult(
                                        ToolResultBlockParam.builder()
                                                .toolUseId(use.id())
                                                .content("the weather service is down")
                                                .isError(true)
                                                .build())));
        Message answered = client.messages().create(params.build());
        assertEquals(StopReason.END_TURN, answered.stopReason().orElseThrow());

        JsonNode messages = Emulator.control().calls().get(1).path("body").path("messages");
        assertEquals(
                use.id(),
                messages.get(1).path("content").get(0).path("toolUse").path("toolUseId").asText());
        JsonNode result = messages.get(2).path("content").get(0).path("toolResult");
        assertEquals(use.id(), result.path("toolUseId").asText());
        assertEquals("error", result.path("status").asText());
    }

    @Test
    void streamedToolUseArrivesAsInputJsonDeltas() {
        MessageCreateParams params =
                MessageCreateParams.builder()
                        .model(HAIKU)
                        .maxTokens(500)
                        .addTool(weatherTool())
                        .addUserMessage("What is the weather in Vienna?")
                        .build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params)) {
            stream.stream()
                    .forEach(
                            event -> {
                                events.add(event);
                                accumulator.accumulate(event);
                            });
        }
        assertTrue(
                events.stream()
                        .anyMatch(
                                e ->
                                        e.isContentBlockDelta()
                                                && e.asContentBlockDelta().delta().isInputJson()),
                "input_json_delta events");
        Message message = accumulator.message();
        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        ToolUseBlock use =
                message.content().stream()
                        .filter(ContentBlock::isToolUse)
                        .findFirst()
                        .orElseThrow()
                        .toolUse()
                        .orElseThrow();
        assertTrue(use._input().toString().contains("Vienna"), use._input().toString());
    }

    @Test
    void thinkingBlocksAndSignaturesGoBackUnchangedInAToolLoop() {
        MessageCreateParams.Builder params =
                MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(4096)
                        .enabledThinking(2048)
                        .addTool(weatherTool())
                        .addUserMessage("What is the weather in Paris?");
        Message asked = client.messages().create(params.build());
        ContentBlock thinking = asked.content().get(0);
        assertTrue(thinking.isThinking(), asked.content().toString());
        assertFalse(thinking.thinking().orElseThrow().signature().isBlank());
        JsonNode first = Emulator.control().calls().get(0).path("body");
        assertEquals(
                2048,
                first.at("/additionalModelRequestFields/thinking/budget_tokens").asInt(),
                first.toString());

        ToolUseBlock use =
                asked.content().stream()
                        .filter(ContentBlock::isToolUse)
                        .findFirst()
                        .orElseThrow()
                        .toolUse()
                        .orElseThrow();
        params.addMessage(asked.toParam())
                .addUserMessageOfContentBlockParams(
                        List.of(
                                ContentBlockParam.ofToolResult(
                                        ToolResultBlockParam.builder()
                                                .toolUseId(use.id())
                                                .content("18 degrees and sunny")
                                                .build())));
        Message answered = client.messages().create(params.build());
        assertEquals(StopReason.END_TURN, answered.stopReason().orElseThrow());
        JsonNode replayed =
                Emulator.control()
                        .calls()
                        .get(1)
                        .path("body")
                        .at("/messages/1/content/0/reasoningContent" + "/reasoningText");
        assertEquals(
                thinking.thinking().orElseThrow().signature(), replayed.path("signature").asText());
    }

    @Test
    void streamedThinkingCarriesItsSignature() {
        MessageCreateParams params =
                MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(4096)
                        .enabledThinking(2048)
                        .addUserMessage("Why do rivers meander?")
                        .build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params)) {
            stream.stream()
                    .forEach(
                            event -> {
                                events.add(event);
                                accumulator.accumulate(event);
                            });
        }
        assertTrue(
                events.stream()
                        .anyMatch(
                                e ->
                                        e.isContentBlockDelta()
                                                && e.asContentBlockDelta().delta().isThinking()));
        assertTrue(
                events.stream()
                        .anyMatch(
                                e ->
                                        e.isContentBlockDelta()
                                                && e.asContentBlockDelta().delta().isSignature()));
        Message message = accumulator.message();
        assertTrue(message.content().get(0).isThinking(), message.content().toString());
        assertFalse(message.content().get(0).thinking().orElseThrow().signature().isBlank());
        assertTrue(message.content().get(1).isText());
    }

    @Test
    void countTokensFromBedrockWhereTheModelCountsAndAnEstimateElsewhere() throws Exception {
        var counted =
                client.messages()
                        .withRawResponse()
                        .countTokens(
                                MessageCountTokensParams.builder()
                                        .model(HAIKU)
                                        .system("You are terse.")
                                        .addUserMessage("How long is the Danube?")
                                        .addTool(weatherTool())
                                        .build());
        assertEquals("bedrock", counted.headers().values(TokenCounts.SOURCE_HEADER).get(0));
        long tokens = counted.parse().inputTokens();
        assertTrue(tokens > 0);
        JsonNode call = Emulator.control().calls().get(0);
        assertEquals("count-tokens", call.path("operation").asText(), call.toString());
        // CountTokens takes the foundation model id, not the catalog's inference profile.
        assertEquals("anthropic.claude-haiku-4-5-20251001-v1:0", call.path("modelId").asText());

        // Nova does not count: Bedrock refuses it, and Parley answers its own estimate, marked.
        var estimated =
                client.messages()
                        .withRawResponse()
                        .countTokens(
                                MessageCountTokensParams.builder()
                                        .model("nova-micro")
                                        .addUserMessage("How long is the Danube?")
                                        .build());
        assertEquals("estimate", estimated.headers().values(TokenCounts.SOURCE_HEADER).get(0));
        assertTrue(estimated.parse().inputTokens() > 0);
    }

    @Test
    void theModelListNamesEveryCatalogModel() {
        List<ModelInfo> models = client.models().list().data();
        assertTrue(
                models.stream().anyMatch(m -> m.id().equals("claude-sonnet-4-6")),
                models.toString());
        assertTrue(models.stream().anyMatch(m -> m.id().equals("nova-micro")), models.toString());
        assertEquals("claude-haiku-4-5", client.models().retrieve(HAIKU).id());
    }

    @Test
    void errorsAreTheSdksTypedExceptions() {
        NotFoundException unknown =
                assertThrows(
                        NotFoundException.class,
                        () ->
                                client.messages()
                                        .create(
                                                MessageCreateParams.builder()
                                                        .model("claude-opus-9-9")
                                                        .maxTokens(100)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(404, unknown.statusCode());
        assertTrue(
                unknown.getMessage().contains("--model")
                        && unknown.getMessage().contains("claude-sonnet-4-6"),
                unknown.getMessage());

        BadRequestException budget =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.messages()
                                        .create(
                                                MessageCreateParams.builder()
                                                        .model(HAIKU)
                                                        .maxTokens(1000)
                                                        .enabledThinking(2048)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(400, budget.statusCode());
        assertTrue(budget.getMessage().contains("budget_tokens"), budget.getMessage());
        assertTrue(Emulator.control().calls().isEmpty(), "refused before Bedrock");
    }
}
