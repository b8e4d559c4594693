package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.parley.testing.Emulator;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, unmodified, against Parley's OpenAI-compatible routes (through
 * the local API gateway and the Lambda runtime, against the Bedrock emulator).
 */
@QuarkusTest
class OpenAiSdkTest {
    static final String MODEL = "nova-micro";

    private OpenAIClient client;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
        client = OpenAiClients.client();
    }

    static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(
                        FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties",
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                .build();
    }

    @Test
    void plainCompletion() {
        ChatCompletion completion =
                client.chat()
                        .completions()
                        .create(
                                ChatCompletionCreateParams.builder()
                                        .model(MODEL)
                                        .addSystemMessage("You are terse.")
                                        .addUserMessage("Say hello to the river festival")
                                        .build());
        assertTrue(completion.id().startsWith("chatcmpl-"), completion.id());
        assertEquals(MODEL, completion.model());
        assertEquals(1, completion.choices().size());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(
                "You said: \"Say hello to the river festival\"",
                choice.message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        var usage = completion.usage().orElseThrow();
        assertTrue(usage.promptTokens() > 0 && usage.completionTokens() > 0);
        assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());

        JsonNode call = Emulator.control().calls().get(0);
        assertTrue(call.path("modelId").asText().contains("nova-micro"), call.toString());
        assertEquals(
                "You are terse.", call.path("body").path("system").get(0).path("text").asText());
    }

    @Test
    void multiTurnCompletionSeesTheEarlierAnswer() {
        String article =
                "The river festival returns to Linz this weekend after a two-year pause. Organisers expect"
                        + " forty thousand visitors over three days. Twelve stages will line the Danube.";
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("Summarize this text:\n<text>" + article + "</text>");
        ChatCompletion first = client.chat().completions().create(params.build());
        String summary = first.choices().get(0).message().content().orElseThrow();
        assertFalse(summary.isBlank());

        params.addMessage(first.choices().get(0).message()).addUserMessage("Make it one sentence.");
        ChatCompletion second = client.chat().completions().create(params.build());
        String shorter = second.choices().get(0).message().content().orElseThrow();
        assertTrue(shorter.length() <= summary.length(), shorter + " vs " + summary);

        JsonNode messages = Emulator.control().calls().get(1).path("body").path("messages");
        assertEquals(3, messages.size(), messages.toString());
        assertEquals(summary, messages.get(1).path("content").get(0).path("text").asText());
    }

    @Test
    void imagePartsForAVisionModel() {
        String png =
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";
        ChatCompletion completion =
                client.chat()
                        .completions()
                        .create(
                                ChatCompletionCreateParams.builder()
                                        .model("nova-lite")
                                        .addUserMessageOfArrayOfContentParts(
                                                List.of(
                                                        ChatCompletionContentPart.ofText(
                                                                ChatCompletionContentPartText
                                                                        .builder()
                                                                        .text("What is this?")
                                                                        .build()),
                                                        ChatCompletionContentPart.ofImageUrl(
                                                                ChatCompletionContentPartImage
                                                                        .builder()
                                                                        .imageUrl(
                                                                                ChatCompletionContentPartImage
                                                                                        .ImageUrl
                                                                                        .builder()
                                                                                        .url(
                                                                                                "data:image/png;base64,"
                                                                                                        + png)
                                                                                        .build())
                                                                        .build())))
                                        .build());
        assertTrue(
                completion
                        .choices()
                        .get(0)
                        .message()
                        .content()
                        .orElseThrow()
                        .contains("What is this?"));
        JsonNode content =
                Emulator.control()
                        .calls()
                        .get(0)
                        .path("body")
                        .path("messages")
                        .get(0)
                        .path("content");
        assertEquals("png", content.get(1).path("image").path("format").asText());
    }

    @Test
    void toolRoundTrip() {
        ChatCompletionCreateParams.Builder params =
                ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addFunctionTool(weatherTool())
                        .addUserMessage("What is the weather in Paris?");
        ChatCompletion asked = client.chat().completions().create(params.build());
        ChatCompletion.Choice choice = asked.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        ChatCompletionMessageFunctionToolCall call =
                choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertTrue(call.function().arguments().contains("Paris"), call.function().arguments());

        params.addMessage(choice.message())
                .addMessage(
                        ChatCompletionToolMessageParam.builder()
                                .toolCallId(call.id())
                                .content("18 degrees and sunny")
                                .build());
        ChatCompletion answered = client.chat().completions().create(params.build());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP, answered.choices().get(0).finishReason());
        assertTrue(
                answered.choices()
                        .get(0)
                        .message()
                        .content()
                        .orElseThrow()
                        .contains("18 degrees and sunny"));

        // The tool use id went to Bedrock as it came back from the client, with its result in one
        // user turn.
        JsonNode messages = Emulator.control().calls().get(1).path("body").path("messages");
        assertEquals(
                call.id(),
                messages.get(1).path("content").get(0).path("toolUse").path("toolUseId").asText());
        assertEquals(
                "Paris",
                messages.get(1)
                        .path("content")
                        .get(0)
                        .path("toolUse")
                        .path("input")
                        .path("city")
                        .asText());
        assertEquals(
                call.id(),
                messages.get(2)
                        .path("content")
                        .get(0)
                        .path("toolResult")
                        .path("toolUseId")
                        .asText());
    }

    @Test
    void streamedTextEqualsTheWholeAnswer() {
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("Tell the river festival that the trams run all night")
                        .streamOptions(
                                ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build();
        String whole =
                client.chat()
                        .completions()
                        .create(params)
                        .choices()
                        .get(0)
                        .message()
                        .content()
                        .orElseThrow();

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream()
                    .forEach(
                            chunk -> {
                                chunks.add(chunk);
                                accumulator.accumulate(chunk);
                            });
        }
        assertTrue(chunks.size() > 4, "one chunk per word: " + chunks.size());
        assertEquals(
                ChatCompletionChunk.Choice.Delta.Role.ASSISTANT,
                chunks.get(0).choices().get(0).delta().role().orElseThrow());
        String streamed =
                chunks.stream()
                        .filter(chunk -> !chunk.choices().isEmpty())
                        .map(chunk -> chunk.choices().get(0).delta().content().orElse(""))
                        .collect(Collectors.joining());
        assertEquals(whole, streamed);
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertEquals(
                ChatCompletionChunk.Choice.FinishReason.STOP,
                finish.choices().get(0).finishReason().orElseThrow());
        ChatCompletionChunk usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.choices().isEmpty());
        assertTrue(usage.usage().orElseThrow().completionTokens() > 0);
        assertEquals(
                whole,
                accumulator.chatCompletion().choices().get(0).message().content().orElseThrow());
        assertTrue(chunks.stream().allMatch(chunk -> chunk.id().equals(chunks.get(0).id())));
    }

    @Test
    void streamedToolCallDeltas() {
        ChatCompletionCreateParams params =
                ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addFunctionTool(weatherTool())
                        .addUserMessage("What is the weather in Vienna?")
                        .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream()
                    .forEach(
                            chunk -> {
                                chunks.add(chunk);
                                accumulator.accumulate(chunk);
                            });
        }
        var start =
                chunks.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .flatMap(choice -> choice.delta().toolCalls().orElse(List.of()).stream())
                        .filter(delta -> delta.id().isPresent())
                        .findFirst()
                        .orElseThrow();
        assertEquals(0, start.index());
        assertEquals("get_weather", start.function().orElseThrow().name().orElseThrow());
        ChatCompletion whole = accumulator.chatCompletion();
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                whole.choices().get(0).finishReason());
        var call = whole.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals(start.id().orElseThrow(), call.id());
        assertTrue(call.function().arguments().contains("Vienna"), call.function().arguments());
    }

    @Test
    void errorsAreTheSdksTypedExceptions() {
        BadRequestException twoChoices =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model(MODEL)
                                                        .n(2)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(400, twoChoices.statusCode());
        assertEquals("n", twoChoices.param().orElseThrow());
        assertEquals("invalid_request_error", twoChoices.type().orElseThrow());

        NotFoundException unknown =
                assertThrows(
                        NotFoundException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model("gpt-4o")
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(404, unknown.statusCode());
        assertEquals("model_not_found", unknown.code().orElseThrow());

        // Bedrock's SDK retries throttling (three attempts); then the client sees 429 with
        // Retry-After.
        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ThrottlingException", "Too many requests");
        }
        RateLimitException throttled =
                assertThrows(
                        RateLimitException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model(MODEL)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().values("Retry-After").get(0));

        Emulator.control().scriptError(null, "ModelErrorException", "The model failed");
        InternalServerException failed =
                assertThrows(
                        InternalServerException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model(MODEL)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(500, failed.statusCode());
        assertEquals("server_error", failed.type().orElseThrow());

        for (int i = 0; i < 3; i++) {
            Emulator.control().scriptError(null, "ServiceUnavailableException", null);
        }
        InternalServerException unavailable =
                assertThrows(
                        InternalServerException.class,
                        () ->
                                client.chat()
                                        .completions()
                                        .create(
                                                ChatCompletionCreateParams.builder()
                                                        .model(MODEL)
                                                        .addUserMessage("hi")
                                                        .build()));
        assertEquals(503, unavailable.statusCode());
        assertFalse(
                unavailable.body().toString().contains("Exception"), unavailable.body().toString());
    }

    @Test
    void modelsListAndRetrieve() {
        List<Model> models = client.models().list().data();
        assertTrue(
                models.stream()
                        .anyMatch(
                                model ->
                                        model.id().equals(MODEL)
                                                && model.ownedBy().equals("amazon")));
        assertTrue(models.stream().anyMatch(model -> model.id().equals("titan-embed-v2")));
        assertEquals(
                "claude-haiku-4-5",
                client.models().retrieve("global.anthropic.claude-haiku-4-5-20251001-v1:0").id());
        assertThrows(NotFoundException.class, () -> client.models().retrieve("gpt-4o"));
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse response =
                client.embeddings()
                        .create(
                                EmbeddingCreateParams.builder()
                                        .model("titan-embed-v2")
                                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                                        .inputOfArrayOfStrings(
                                                List.of(
                                                        "The trams run all night on Saturday",
                                                        "On Saturday the trams run all night long",
                                                        "Quarterly tax filing deadlines"))
                                        .dimensions(256)
                                        .build());
        assertEquals(3, response.data().size());
        List<Float> a = response.data().get(0).embedding();
        List<Float> b = response.data().get(1).embedding();
        List<Float> c = response.data().get(2).embedding();
        assertEquals(256, a.size());
        assertTrue(cosine(a, b) > cosine(a, c) + 0.2, cosine(a, b) + " vs " + cosine(a, c));
        assertTrue(response.usage().promptTokens() > 0);

        CreateEmbeddingResponse again =
                client.embeddings()
                        .create(
                                EmbeddingCreateParams.builder()
                                        .model("titan-embed-v2")
                                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                                        .input("The trams run all night on Saturday")
                                        .dimensions(256)
                                        .build());
        assertEquals(a, again.data().get(0).embedding());

        CreateEmbeddingResponse cohere =
                client.embeddings()
                        .create(
                                EmbeddingCreateParams.builder()
                                        .model("cohere-embed-english")
                                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                                        .inputOfArrayOfStrings(List.of("one", "two"))
                                        .build());
        assertEquals(1024, cohere.data().get(1).embedding().size());
        assertEquals(1, cohere.data().get(1).index());

        BadRequestException badDimensions =
                assertThrows(
                        BadRequestException.class,
                        () ->
                                client.embeddings()
                                        .create(
                                                EmbeddingCreateParams.builder()
                                                        .model("titan-embed-v2")
                                                        .input("x")
                                                        .dimensions(300)
                                                        .build()));
        assertEquals("dimensions", badDimensions.param().orElseThrow());
    }

    static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
            na += a.get(i) * a.get(i);
            nb += b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(na * nb);
    }
}
