package dev.parley.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** OpenAI's chat completion and chunk shapes; only this package sees them. */
final class CompletionViews {

    private CompletionViews() {}

    @RegisterForReflection
    record Completion(
            String id,
            String object,
            long created,
            String model,
            List<Choice> choices,
            UsageView usage,
            @JsonProperty("service_tier") String serviceTier) {}

    @RegisterForReflection
    record Choice(
            int index,
            Message message,
            @JsonProperty("finish_reason") String finishReason,
            Object logprobs) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonInclude(JsonInclude.Include.ALWAYS) String refusal) {}

    @RegisterForReflection
    record ToolCall(String id, String type, FunctionCall function) {}

    @RegisterForReflection
    record FunctionCall(String name, String arguments) {}

    @RegisterForReflection
    record UsageView(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens,
            @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails) {

        /** OpenAI counts cached prompt tokens inside prompt_tokens; Bedrock reports them apart. */
        static UsageView of(Usage usage) {
            int prompt =
                    usage.inputTokens()
                            + usage.cacheReadInputTokens()
                            + usage.cacheWriteInputTokens();
            return new UsageView(
                    prompt,
                    usage.outputTokens(),
                    prompt + usage.outputTokens(),
                    new PromptDetails(usage.cacheReadInputTokens()));
        }
    }

    @RegisterForReflection
    record PromptDetails(@JsonProperty("cached_tokens") int cachedTokens) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chunk(
            String id,
            String object,
            long created,
            String model,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<ChunkChoice> choices,
            UsageView usage,
            @JsonProperty("service_tier") String serviceTier) {

        /** A chunk sent before Bedrock says which tier served the call (its metadata comes last). */
        Chunk(
                String id,
                String object,
                long created,
                String model,
                List<ChunkChoice> choices,
                UsageView usage) {
            this(id, object, created, model, choices, usage, null);
        }
    }

    @RegisterForReflection
    record ChunkChoice(
            int index,
            Delta delta,
            @JsonProperty("finish_reason") String finishReason,
            Object logprobs) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(
            String role,
            String content,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonProperty("tool_calls") List<ToolCallDelta> toolCalls) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallDelta(int index, String id, String type, FunctionDelta function) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionDelta(String name, String arguments) {}

    /** The answer's message: text (null when the model only called tools), tool calls, reasoning. */
    static Message message(ModelReply reply) {
        List<ToolCall> calls =
                reply.message().content().stream()
                        .filter(ContentBlock.ToolUse.class::isInstance)
                        .map(ContentBlock.ToolUse.class::cast)
                        .map(
                                use ->
                                        new ToolCall(
                                                use.toolUseId(),
                                                "function",
                                                new FunctionCall(
                                                        use.name(),
                                                        use.input() == null
                                                                ? "{}"
                                                                : use.input().toString())))
                        .toList();
        String text = reply.text();
        String reasoning = reply.reasoning();
        return new Message(
                "assistant",
                text.isEmpty() && !calls.isEmpty() ? null : text,
                calls.isEmpty() ? null : calls,
                reasoning.isEmpty() ? null : reasoning,
                null);
    }

    /**
     * Bedrock's stop reason as OpenAI's finish_reason: end_turn and stop_sequence are stop,
     * max_tokens (and a full context window) length, tool_use tool_calls, a guardrail content_filter.
     */
    static String finishReason(String stopReason, boolean guardrailIntervened) {
        if (guardrailIntervened) {
            return "content_filter";
        }
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "guardrail_intervened", "content_filtered" -> "content_filter";
            default -> "stop";
        };
    }
}
