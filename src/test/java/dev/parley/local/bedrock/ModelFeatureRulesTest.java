package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The feature matrix enforced per model, through the real SDK, with Bedrock's error type and wording. */
class ModelFeatureRulesTest extends EmulatorTestSupport {
    static final String DEEPSEEK_R1 = "us.deepseek.r1-v1:0";
    static final String LLAMA_31 = "us.meta.llama3-1-70b-instruct-v1:0";
    static final String DEEPSEEK_V31 = "deepseek.v3-v1:0";

    private static ValidationException refused(ConverseRequest request) {
        ValidationException e =
                assertThrows(ValidationException.class, () -> client.converse(request));
        assertEquals(400, e.statusCode());
        return e;
    }

    @Test
    void deepSeekR1RefusesToolUse() {
        ValidationException e =
                refused(
                        ConverseRequest.builder()
                                .modelId(DEEPSEEK_R1)
                                .messages(user("Weather in Paris?"))
                                .toolConfig(ToolUseTest.tools(ToolUseTest.WEATHER))
                                .build());
        assertEquals("This model doesn't support tool use.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void llamaTakesToolsButNotWhileStreaming() {
        var tools = ToolUseTest.tools(ToolUseTest.WEATHER);
        assertTrue(
                client.converse(
                                        r ->
                                                r.modelId(LLAMA_31)
                                                        .messages(user("Weather in Paris?"))
                                                        .toolConfig(tools))
                                .output()
                                .message()
                                .content()
                                .get(0)
                                .toolUse()
                        != null);

        StreamResult streamed =
                stream(
                        ConverseStreamRequest.builder()
                                .modelId(LLAMA_31)
                                .messages(user("Weather in Paris?"))
                                .toolConfig(tools)
                                .build());
        ValidationException e = assertInstanceOf(ValidationException.class, streamed.error());
        assertEquals(
                "This model doesn't support tool use in streaming mode.",
                e.awsErrorDetails().errorMessage());

        // The same stream on a model with streaming tool use goes through.
        assertEquals(
                null,
                stream(
                                ConverseStreamRequest.builder()
                                        .modelId(NOVA_MICRO)
                                        .messages(user("Weather in Paris?"))
                                        .toolConfig(tools)
                                        .build())
                        .error());
    }

    @Test
    void toolChoiceFollowsTheMatrix() {
        ToolConfiguration any =
                ToolConfiguration.builder()
                        .tools(ToolUseTest.WEATHER)
                        .toolChoice(ToolChoice.fromAny(AnyToolChoice.builder().build()))
                        .build();
        ValidationException llama =
                refused(
                        ConverseRequest.builder()
                                .modelId(LLAMA_31)
                                .messages(user("Weather in Paris?"))
                                .toolConfig(any)
                                .build());
        assertEquals(
                "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any"
                        + " and try again.",
                llama.awsErrorDetails().errorMessage());
        ToolConfiguration named =
                ToolConfiguration.builder()
                        .tools(ToolUseTest.WEATHER, ToolUseTest.CALCULATOR)
                        .toolChoice(
                                ToolChoice.fromTool(
                                        SpecificToolChoice.builder().name("calculator").build()))
                        .build();
        assertEquals(
                "This model doesn't support the toolConfig.toolChoice.tool field. Remove"
                        + " toolConfig.toolChoice.tool and try again.",
                refused(
                                ConverseRequest.builder()
                                        .modelId(LLAMA_31)
                                        .messages(user("Weather in Paris?"))
                                        .toolConfig(named)
                                        .build())
                        .awsErrorDetails()
                        .errorMessage());
        // DeepSeek V3.1 takes a named tool but does not obey it: it picks as with auto.
        var deepseek =
                client.converse(
                                r ->
                                        r.modelId(DEEPSEEK_V31)
                                                .messages(user("Weather in Paris?"))
                                                .toolConfig(named))
                        .output()
                        .message()
                        .content();
        assertEquals("get_weather", deepseek.get(0).toolUse().name(), deepseek.toString());
        // and with auto it calls tools (AWS's re-test, langchain-aws#1261), as with any.
        assertEquals(
                "get_weather",
                client.converse(
                                r ->
                                        r.modelId(DEEPSEEK_V31)
                                                .messages(user("Weather in Paris?"))
                                                .toolConfig(ToolUseTest.tools(ToolUseTest.WEATHER)))
                        .output()
                        .message()
                        .content()
                        .get(0)
                        .toolUse()
                        .name());
    }

    @Test
    void novaMicroRefusesDocumentsAndImages() {
        Message withDocument =
                Message.builder()
                        .role(ConversationRole.USER)
                        .content(
                                ContentBlock.fromDocument(
                                        DocumentBlock.builder()
                                                .format("txt")
                                                .name("notes")
                                                .source(
                                                        DocumentSource.fromBytes(
                                                                SdkBytes.fromUtf8String(
                                                                        "Some notes.")))
                                                .build()),
                                ContentBlock.fromText("Summarize the notes."))
                        .build();
        assertEquals(
                "This model doesn't support the document content block that you provided.",
                refused(
                                ConverseRequest.builder()
                                        .modelId(NOVA_MICRO)
                                        .messages(withDocument)
                                        .build())
                        .awsErrorDetails()
                        .errorMessage());

        Message withImage =
                Message.builder()
                        .role(ConversationRole.USER)
                        .content(
                                ContentBlock.fromImage(
                                        ImageBlock.builder()
                                                .format("png")
                                                .source(
                                                        ImageSource.fromBytes(
                                                                SdkBytes.fromByteArray(
                                                                        new byte[] {
                                                                            (byte) 0x89,
                                                                            'P',
                                                                            'N',
                                                                            'G'
                                                                        })))
                                                .build()),
                                ContentBlock.fromText("What is in the picture?"))
                        .build();
        assertEquals(
                "This model doesn't support the image content block that you provided.",
                refused(ConverseRequest.builder().modelId(NOVA_MICRO).messages(withImage).build())
                        .awsErrorDetails()
                        .errorMessage());

        // Nova Lite reads both.
        assertTrue(
                client.converse(r -> r.modelId("us.amazon.nova-lite-v1:0").messages(withDocument))
                                .output()
                        != null);
        assertTrue(
                client.converse(r -> r.modelId("us.amazon.nova-lite-v1:0").messages(withImage))
                                .output()
                        != null);
    }

    @Test
    void claude45RefusesTemperatureWithTopP() {
        ValidationException e =
                refused(
                        ConverseRequest.builder()
                                .modelId("global.anthropic.claude-opus-4-5-20251101-v1:0")
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.temperature(0.5f).topP(0.9f))
                                .build());
        assertEquals(
                "The model returned the following errors: `temperature` and `top_p` cannot both be specified for"
                        + " this model. Please use only one.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void everyMatrixModelAnswersThroughTheIdItIsCalledBy() {
        for (ModelFeatures model : FeatureMatrix.load().all()) {
            String id = model.profileOnly() ? "us." + model.id() : model.id();
            boolean pastEndOfLife =
                    model.lifecycle()
                            .eolDate("us")
                            .map(
                                    eol ->
                                            !java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                                    .isBefore(eol))
                            .orElse(false);
            if (pastEndOfLife) {
                assertThrows(
                        software.amazon.awssdk.services.bedrockruntime.model
                                .ResourceNotFoundException.class,
                        () -> client.converse(r -> r.modelId(id).messages(user("Hi"))),
                        id);
                continue;
            }
            var response = client.converse(r -> r.modelId(id).messages(user("Hi")));
            assertTrue(
                    response.output().message().content().stream()
                            .anyMatch(b -> "You said: \"Hi\"".equals(b.text())),
                    id + ": " + response);
            if (model.profileOnly()) {
                ValidationException e =
                        refused(
                                ConverseRequest.builder()
                                        .modelId(model.id())
                                        .messages(user("Hi"))
                                        .build());
                assertTrue(
                        e.awsErrorDetails()
                                .errorMessage()
                                .contains("with on-demand throughput isn\u2019t supported"));
            }
        }
    }
}
