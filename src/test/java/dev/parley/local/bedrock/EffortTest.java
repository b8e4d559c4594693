package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Converse's own {@code outputConfig.effort} through the real SDK: which models take it, at which levels. */
class EffortTest extends EmulatorTestSupport {
    private static final Document ADAPTIVE =
            Document.fromMap(
                    Map.of(
                            "thinking",
                            Document.fromMap(Map.of("type", Document.fromString("adaptive")))));

    private static ConverseRequest request(String modelId, String effort, boolean thinking) {
        ConverseRequest.Builder request =
                ConverseRequest.builder()
                        .modelId(modelId)
                        .messages(user("Think it over"))
                        .outputConfig(OutputConfig.builder().effort(effort).build());
        return (thinking ? request.additionalModelRequestFields(ADAPTIVE) : request).build();
    }

    private static String refusal(ConverseRequest request) {
        return assertThrows(ValidationException.class, () -> client.converse(request))
                .awsErrorDetails()
                .errorMessage();
    }

    @Test
    void adaptiveModelsThinkAtTheEffortAsked() {
        ConverseResponse xhigh = client.converse(request(ReasoningTest.OPUS_47, "xhigh", true));
        assertFalse(
                xhigh.output()
                        .message()
                        .content()
                        .get(0)
                        .reasoningContent()
                        .reasoningText()
                        .text()
                        .isBlank());
        ConverseResponse max = client.converse(request(ReasoningTest.SONNET_46, "max", true));
        assertTrue(
                max.output().message().content().get(0).reasoningContent() != null, max.toString());
        // Up to high, the effort needs no thinking.
        assertEquals(
                "end_turn",
                client.converse(request(ReasoningTest.SONNET_46, "low", false))
                        .stopReasonAsString());
    }

    @Test
    void bedrockRefusesAnEffortTheModelDoesNotTake() {
        assertTrue(
                refusal(request(NOVA_MICRO, "low", false))
                        .contains("doesn't support the outputConfig.effort field"));
        assertTrue(
                refusal(request(ReasoningTest.HAIKU_45, "high", false))
                        .contains("doesn't support the outputConfig.effort field"));
        assertTrue(
                refusal(request(ReasoningTest.SONNET_46, "max", false)).contains("capped at high"));
        assertTrue(
                refusal(request(ReasoningTest.SONNET_46, "xhigh", true))
                        .contains("output_config.effort"));
        assertTrue(
                refusal(request(ReasoningTest.OPUS_47, "extreme", true))
                        .contains(
                                "Member must satisfy enum value set: [low, medium, high, xhigh, max]"));
    }
}
