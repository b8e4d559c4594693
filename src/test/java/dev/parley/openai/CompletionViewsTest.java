package dev.parley.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer's shape from a reply: reasoning apart from content, tool calls, usage with cached tokens. */
class CompletionViewsTest {
    static final ModelSpec MODEL =
            new ModelSpec(
                    "m",
                    "m-id",
                    "anthropic",
                    1000,
                    1000,
                    new ModelSpec.Capabilities(true, true, true, true));

    static ModelReply reply(ContentBlock... blocks) {
        return new ModelReply(
                MODEL,
                new ChatMessage(ChatMessage.Role.ASSISTANT, List.of(blocks)),
                "end_turn",
                Usage.NONE,
                0);
    }

    @Test
    void reasoningIsReasoningContentNeverContent() {
        CompletionViews.Message message =
                CompletionViews.message(
                        reply(
                                new ContentBlock.Reasoning("Let me think.", "sig"),
                                new ContentBlock.Text("Forty-two.")));
        assertEquals("Forty-two.", message.content());
        assertEquals("Let me think.", message.reasoningContent());
        assertNull(message.toolCalls());
        assertNull(CompletionViews.message(reply(new ContentBlock.Text("x"))).reasoningContent());
    }

    @Test
    void toolUsesAreToolCallsWithArgumentsAsAJsonString() {
        CompletionViews.Message message =
                CompletionViews.message(
                        reply(
                                new ContentBlock.ToolUse(
                                        "tooluse_1",
                                        "get_time",
                                        JsonNodeFactory.instance.objectNode().put("zone", "UTC"))));
        assertNull(message.content());
        assertEquals("tooluse_1", message.toolCalls().get(0).id());
        assertEquals("{\"zone\":\"UTC\"}", message.toolCalls().get(0).function().arguments());
    }

    @Test
    void cachedPromptTokensAreCountedInPromptTokens() {
        CompletionViews.UsageView usage =
                CompletionViews.UsageView.of(new Usage(10, 5, 15, 100, 20));
        assertEquals(130, usage.promptTokens());
        assertEquals(5, usage.completionTokens());
        assertEquals(135, usage.totalTokens());
        assertEquals(100, usage.promptTokensDetails().cachedTokens());
    }

    @Test
    void finishReasons() {
        assertEquals("stop", CompletionViews.finishReason("end_turn", false));
        assertEquals("stop", CompletionViews.finishReason("stop_sequence", false));
        assertEquals("length", CompletionViews.finishReason("max_tokens", false));
        assertEquals(
                "length", CompletionViews.finishReason("model_context_window_exceeded", false));
        assertEquals("tool_calls", CompletionViews.finishReason("tool_use", false));
        assertEquals("content_filter", CompletionViews.finishReason("guardrail_intervened", false));
        assertEquals("content_filter", CompletionViews.finishReason("content_filtered", false));
        assertEquals("content_filter", CompletionViews.finishReason("end_turn", true));
    }
}
