package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The Claude 5.5 rows through the real SDK client: Opus 5.5 thinks on every answer and cannot be
 * turned off (its model card), so an effort above high needs no thinking field and a disabled
 * thinking or a forced tool is refused; Haiku 5.5 thinks adaptively when asked and caps the effort
 * at high without thinking (its model card).
 */
class AlwaysOnThinkingTest extends EmulatorTestSupport {
    static final String OPUS_55 = "global.anthropic.claude-opus-5-5";
    static final String HAIKU_55 = "us.anthropic.claude-haiku-5-5";

    private static Document thinking(String type) {
        return Document.fromMap(
                Map.of("thinking", Document.fromMap(Map.of("type", Document.fromString(type)))));
    }

    private static ConverseRequest.Builder ask(String modelId) {
        return ConverseRequest.builder().modelId(modelId).messages(user("Think it over"));
    }

    /** One tool, forced with {@code toolChoice.any}. */
    private static ToolConfiguration forcedLookup() {
        Document schema = Document.fromMap(Map.of("type", Document.fromString("object")));
        Tool lookup =
                Tool.fromToolSpec(
                        ToolSpecification.builder()
                                .name("lookup")
                                .inputSchema(ToolInputSchema.fromJson(schema))
                                .build());
        return ToolConfiguration.builder()
                .tools(lookup)
                .toolChoice(ToolChoice.fromAny(AnyToolChoice.builder().build()))
                .build();
    }

    private static String refusal(ConverseRequest request) {
        return assertThrows(ValidationException.class, () -> client.converse(request))
                .awsErrorDetails()
                .errorMessage();
    }

    private static String reasoning(ConverseResponse response) {
        return response.output().message().content().get(0).reasoningContent() == null
                ? ""
                : response.output()
                        .message()
                        .content()
                        .get(0)
                        .reasoningContent()
                        .reasoningText()
                        .text();
    }

    @Test
    void opusFiveFiveThinksOnEveryAnswerAtAnyEffort() {
        assertFalse(reasoning(client.converse(ask(OPUS_55).build())).isBlank());
        for (String effort : new String[] {"low", "xhigh", "max"}) {
            ConverseResponse answer =
                    client.converse(
                            ask(OPUS_55)
                                    .outputConfig(OutputConfig.builder().effort(effort).build())
                                    .build());
            assertFalse(reasoning(answer).isBlank(), effort);
            assertEquals("end_turn", answer.stopReasonAsString());
        }
    }

    @Test
    void opusFiveFiveRefusesWhatItsAlwaysOnThinkingCannotDo() {
        assertTrue(
                refusal(ask(OPUS_55).additionalModelRequestFields(thinking("disabled")).build())
                        .contains("\"thinking.type.disabled\" is not supported for this model"));
        assertTrue(
                refusal(ask(OPUS_55).additionalModelRequestFields(thinking("enabled")).build())
                        .contains("\"thinking.type.enabled\" is not supported for this model"));
        String forced = refusal(ask(OPUS_55).toolConfig(forcedLookup()).build());
        assertTrue(forced.contains("toolChoice.any"), forced);
    }

    @Test
    void haikuFiveFiveThinksWhenAskedAndCapsTheEffortWithoutThinking() {
        assertEquals("", reasoning(client.converse(ask(HAIKU_55).build())));
        assertFalse(
                reasoning(
                                client.converse(
                                        ask(HAIKU_55)
                                                .additionalModelRequestFields(thinking("adaptive"))
                                                .outputConfig(
                                                        OutputConfig.builder()
                                                                .effort("xhigh")
                                                                .build())
                                                .build()))
                        .isBlank());
        assertTrue(
                refusal(
                                ask(HAIKU_55)
                                        .outputConfig(OutputConfig.builder().effort("max").build())
                                        .build())
                        .contains("capped at high"));
    }
}
