package dev.parley.local.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Reasoning models through the real SDK: DeepSeek-R1's reasoning, Claude's extended thinking and its rules. */
class ReasoningTest extends EmulatorTestSupport {
    static final String HAIKU_45 = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String PREFIX = "The model returned the following errors: ";
    static final String SONNET_46 = "global.anthropic.claude-sonnet-4-6";
    static final String OPUS_47 = "global.anthropic.claude-opus-4-7";

    static Document adaptive(String effort) {
        return Document.fromMap(
                Map.of(
                        "thinking",
                        Document.fromMap(Map.of("type", Document.fromString("adaptive"))),
                        "output_config",
                        Document.fromMap(Map.of("effort", Document.fromString(effort)))));
    }

    static Document thinking(int budget) {
        return Document.fromMap(
                Map.of(
                        "thinking",
                        Document.fromMap(
                                Map.of(
                                        "type",
                                        Document.fromString("enabled"),
                                        "budget_tokens",
                                        Document.fromNumber(budget)))));
    }

    private static String refusal(ConverseRequest request) {
        return assertThrows(ValidationException.class, () -> client.converse(request))
                .awsErrorDetails()
                .errorMessage();
    }

    @Test
    void deepSeekR1ReasonsBeforeItsTextInConverse() {
        ConverseResponse response =
                client.converse(
                        r ->
                                r.modelId(ModelFeatureRulesTest.DEEPSEEK_R1)
                                        .messages(user("Why is the sky blue?")));
        List<ContentBlock> content = response.output().message().content();
        assertEquals(2, content.size());
        ReasoningTextBlock reasoning = content.get(0).reasoningContent().reasoningText();
        assertTrue(reasoning.text().contains("Why is the sky blue?"), reasoning.text());
        assertNull(reasoning.signature(), "DeepSeek-R1 does not sign its reasoning");
        assertEquals("You said: \"Why is the sky blue?\"", content.get(1).text());
    }

    @Test
    void deepSeekR1StreamsReasoningDeltasBeforeTheText() {
        List<String> order = new ArrayList<>();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        asyncClient
                .converseStream(
                        r ->
                                r.modelId(ModelFeatureRulesTest.DEEPSEEK_R1)
                                        .messages(user("Hello there")),
                        ConverseStreamResponseHandler.builder()
                                .subscriber(
                                        ConverseStreamResponseHandler.Visitor.builder()
                                                .onContentBlockDelta(
                                                        e -> {
                                                            if (e.delta().reasoningContent()
                                                                    != null) {
                                                                order.add(
                                                                        "reasoning@"
                                                                                + e
                                                                                        .contentBlockIndex());
                                                                reasoning.append(
                                                                        e.delta()
                                                                                .reasoningContent()
                                                                                .text());
                                                            } else if (e.delta().text() != null) {
                                                                order.add(
                                                                        "text@"
                                                                                + e
                                                                                        .contentBlockIndex());
                                                                text.append(e.delta().text());
                                                            }
                                                        })
                                                .build())
                                .build())
                .join();
        assertTrue(order.get(0).equals("reasoning@0"), order.toString());
        assertEquals("text@1", order.get(order.size() - 1));
        assertTrue(order.indexOf("text@1") > order.lastIndexOf("reasoning@0"), order.toString());
        assertTrue(reasoning.toString().contains("Hello there"), reasoning.toString());
        assertEquals("You said: \"Hello there\"", text.toString());
    }

    @Test
    void claudeThinksOnlyWhenAskedAndSignsItsThinking() {
        ConverseResponse plain = client.converse(r -> r.modelId(HAIKU_45).messages(user("Hi")));
        assertEquals(1, plain.output().message().content().size());

        ConverseResponse thought =
                client.converse(
                        r ->
                                r.modelId(HAIKU_45)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.maxTokens(4000))
                                        .additionalModelRequestFields(thinking(2000)));
        ReasoningTextBlock reasoning =
                thought.output().message().content().get(0).reasoningContent().reasoningText();
        assertNotNull(reasoning.signature());
        assertEquals("You said: \"Hi\"", thought.output().message().content().get(1).text());
    }

    @Test
    void thinkingRulesAreAnthropics() {
        assertEquals(
                PREFIX
                        + "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
                refusal(
                        ConverseRequest.builder()
                                .modelId(HAIKU_45)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.maxTokens(4000))
                                .additionalModelRequestFields(thinking(500))
                                .build()));
        assertEquals(
                PREFIX
                        + "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our"
                        + " documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
                        + "#max-tokens-and-context-window-size",
                refusal(
                        ConverseRequest.builder()
                                .modelId(HAIKU_45)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.maxTokens(2000))
                                .additionalModelRequestFields(thinking(2000))
                                .build()));
        assertTrue(
                refusal(
                                ConverseRequest.builder()
                                        .modelId(HAIKU_45)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.maxTokens(4000).temperature(0.2f))
                                        .additionalModelRequestFields(thinking(2000))
                                        .build())
                        .startsWith(
                                PREFIX
                                        + "`temperature` may only be set to 1 when thinking is enabled."));
        assertTrue(
                refusal(
                                ConverseRequest.builder()
                                        .modelId(HAIKU_45)
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.maxTokens(4000).topP(0.5f))
                                        .additionalModelRequestFields(thinking(2000))
                                        .build())
                        .startsWith(PREFIX + "`top_p` must be unset or between 0.95 and 1"));
    }

    @Test
    void aToolLoopMustSendTheThinkingBlockBackUnchanged() {
        var tools = ToolUseTest.tools(ToolUseTest.WEATHER);
        Message question = user("What is the weather in Paris?");
        ConverseResponse first =
                client.converse(
                        r ->
                                r.modelId(HAIKU_45)
                                        .messages(question)
                                        .toolConfig(tools)
                                        .inferenceConfig(c -> c.maxTokens(4000))
                                        .additionalModelRequestFields(thinking(2000)));
        assertEquals(StopReason.TOOL_USE, first.stopReason());
        List<ContentBlock> asked = first.output().message().content();
        assertNotNull(asked.get(0).reasoningContent(), "thinking comes before the tool use");
        ToolUseBlock use = asked.get(1).toolUse();
        Message results =
                Message.builder()
                        .role(ConversationRole.USER)
                        .content(
                                ContentBlock.fromToolResult(
                                        ToolResultBlock.builder()
                                                .toolUseId(use.toolUseId())
                                                .content(
                                                        ToolResultContentBlock.fromText(
                                                                "18 degrees, sunny"))
                                                .build()))
                        .build();

        // Without the thinking block: refused, in Anthropic's words.
        Message withoutThinking =
                Message.builder().role(ConversationRole.ASSISTANT).content(asked.get(1)).build();
        String refused =
                refusal(
                        ConverseRequest.builder()
                                .modelId(HAIKU_45)
                                .toolConfig(tools)
                                .messages(question, withoutThinking, results)
                                .inferenceConfig(c -> c.maxTokens(4000))
                                .additionalModelRequestFields(thinking(2000))
                                .build());
        assertTrue(
                refused.startsWith(
                        PREFIX
                                + "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`,"
                                + " but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a"
                                + " thinking block"),
                refused);

        // With its thinking changed: the signature no longer matches.
        ReasoningTextBlock original = asked.get(0).reasoningContent().reasoningText();
        Message tampered =
                Message.builder()
                        .role(ConversationRole.ASSISTANT)
                        .content(
                                ContentBlock.fromReasoningContent(
                                        ReasoningContentBlock.fromReasoningText(
                                                ReasoningTextBlock.builder()
                                                        .text(original.text() + " (edited)")
                                                        .signature(original.signature())
                                                        .build())),
                                asked.get(1))
                        .build();
        assertEquals(
                PREFIX + "messages.1.content.0: Invalid `signature` in `thinking` block",
                refusal(
                        ConverseRequest.builder()
                                .modelId(HAIKU_45)
                                .toolConfig(tools)
                                .messages(question, tampered, results)
                                .inferenceConfig(c -> c.maxTokens(4000))
                                .additionalModelRequestFields(thinking(2000))
                                .build()));

        // Sent back as it came: the model answers from the results.
        ConverseResponse second =
                client.converse(
                        r ->
                                r.modelId(HAIKU_45)
                                        .toolConfig(tools)
                                        .messages(question, first.output().message(), results)
                                        .inferenceConfig(c -> c.maxTokens(4000))
                                        .additionalModelRequestFields(thinking(2000)));
        assertEquals(StopReason.END_TURN, second.stopReason());
        assertTrue(second.output().message().content().get(1).text().contains("18 degrees"));
    }

    @Test
    void eachGenerationThinksTheWayItsRowSays() {
        // Claude 4.6: adaptive thinking, and the deprecated budget is still taken.
        for (Document thinking : List.of(adaptive("medium"), thinking(2000))) {
            ConverseResponse response =
                    client.converse(
                            r ->
                                    r.modelId(SONNET_46)
                                            .messages(user("Hi"))
                                            .inferenceConfig(c -> c.maxTokens(4000))
                                            .additionalModelRequestFields(thinking));
            assertNotNull(
                    response.output()
                            .message()
                            .content()
                            .get(0)
                            .reasoningContent()
                            .reasoningText()
                            .signature());
        }
        // Opus 4.7: adaptive only; a budget is Claude's 400.
        ConverseResponse opus =
                client.converse(
                        r ->
                                r.modelId(OPUS_47)
                                        .messages(user("Hi"))
                                        .additionalModelRequestFields(adaptive("low")));
        assertNotNull(opus.output().message().content().get(0).reasoningContent());
        assertEquals(
                PREFIX
                        + "\"thinking.type.enabled\" is not supported for this model. Use \"thinking.type.adaptive\""
                        + " and \"output_config.effort\" to control thinking behavior.",
                refusal(
                        ConverseRequest.builder()
                                .modelId(OPUS_47)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.maxTokens(4000))
                                .additionalModelRequestFields(thinking(2000))
                                .build()));
        // Claude 4.5 predates adaptive thinking.
        assertTrue(
                refusal(
                                ConverseRequest.builder()
                                        .modelId(HAIKU_45)
                                        .messages(user("Hi"))
                                        .additionalModelRequestFields(adaptive("high"))
                                        .build())
                        .contains("'adaptive'"));
        assertTrue(
                refusal(
                                ConverseRequest.builder()
                                        .modelId(SONNET_46)
                                        .messages(user("Hi"))
                                        .additionalModelRequestFields(adaptive("extreme"))
                                        .build())
                        .contains("output_config.effort"));
    }

    @Test
    void theNewestModelsRefuseNonDefaultSampling() {
        String refused =
                refusal(
                        ConverseRequest.builder()
                                .modelId(OPUS_47)
                                .messages(user("Hi"))
                                .inferenceConfig(c -> c.temperature(0.2f))
                                .build());
        assertTrue(refused.startsWith(PREFIX + "{\"type\":\"error\""), refused);
        assertTrue(
                refused.endsWith("\"message\":\"`temperature` is deprecated for this model.\"}}"),
                refused);
        assertTrue(
                refusal(
                                ConverseRequest.builder()
                                        .modelId("global.anthropic.claude-sonnet-5")
                                        .messages(user("Hi"))
                                        .inferenceConfig(c -> c.topP(0.9f))
                                        .build())
                        .contains("`top_p` is deprecated for this model."));
        // Sonnet 4.6 still takes them.
        assertEquals(
                1,
                client.converse(
                                r ->
                                        r.modelId(SONNET_46)
                                                .messages(user("Hi"))
                                                .inferenceConfig(c -> c.temperature(0.2f)))
                        .output()
                        .message()
                        .content()
                        .size());
    }
}
