package dev.parley.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.Usage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The Messages API's answer shapes, and the mapping of a model reply into them. */
final class MessageViews {

    private MessageViews() {}

    @RegisterForReflection
    record Message(
            String id,
            String type,
            String role,
            String model,
            List<Block> content,
            String stop_reason,
            String stop_sequence,
            UsageView usage) {}

    /** A content block: text, thinking, redacted_thinking or tool_use (fields of the other types are null). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Block(
            String type,
            String text,
            String thinking,
            String signature,
            String data,
            String id,
            String name,
            JsonNode input) {

        static Block text(String text) {
            return new Block("text", text, null, null, null, null, null, null);
        }

        static Block thinking(String thinking, String signature) {
            return new Block(
                    "thinking",
                    null,
                    thinking,
                    signature == null ? "" : signature,
                    null,
                    null,
                    null,
                    null);
        }

        static Block redacted(byte[] data) {
            return new Block(
                    "redacted_thinking",
                    null,
                    null,
                    null,
                    Base64.getEncoder().encodeToString(data),
                    null,
                    null,
                    null);
        }

        static Block toolUse(String id, String name, JsonNode input) {
            return new Block("tool_use", null, null, null, null, id, name, input);
        }
    }

    /** Anthropic's usage: input_tokens excludes the cached prefix, as Bedrock's inputTokens does. */
    @RegisterForReflection
    record UsageView(
            int input_tokens,
            int output_tokens,
            int cache_creation_input_tokens,
            int cache_read_input_tokens,
            @JsonInclude(JsonInclude.Include.NON_NULL) String service_tier) {

        /** Counts only (the stream's opening event, before Bedrock says which tier served it). */
        UsageView(int input, int output, int cacheWrite, int cacheRead) {
            this(input, output, cacheWrite, cacheRead, null);
        }

        static UsageView of(ModelReply reply) {
            Usage usage = reply.usage();
            return new UsageView(
                    usage.inputTokens(),
                    usage.outputTokens(),
                    usage.cacheWriteInputTokens(),
                    usage.cacheReadInputTokens(),
                    serviceTier(reply));
        }
    }

    /**
     * Anthropic's {@code usage.service_tier} for the tier Bedrock served: {@code priority} and
     * {@code standard} (Bedrock's default) by Anthropic's names; Bedrock's Flex has no Anthropic
     * name (it is neither {@code standard} nor Anthropic's {@code batch}) and is reported as
     * {@code flex}, which the SDKs keep as an unknown value.
     */
    static String serviceTier(ModelReply reply) {
        return switch (reply.serviceTier().orElse(ServiceTier.DEFAULT)) {
            case PRIORITY -> "priority";
            case DEFAULT -> "standard";
            case FLEX -> "flex";
        };
    }

    static Message message(String id, String model, ModelReply reply) {
        return new Message(
                id,
                "message",
                "assistant",
                model,
                blocks(reply),
                stopReason(reply.stopReason()),
                null,
                UsageView.of(reply));
    }

    static List<Block> blocks(ModelReply reply) {
        List<Block> blocks = new ArrayList<>();
        for (ContentBlock block : reply.message().content()) {
            if (block instanceof ContentBlock.Text text) {
                blocks.add(Block.text(text.text()));
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                blocks.add(Block.thinking(reasoning.text(), reasoning.signature()));
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                blocks.add(Block.redacted(redacted.data()));
            } else if (block instanceof ContentBlock.ToolUse use) {
                blocks.add(Block.toolUse(use.toolUseId(), use.name(), use.input()));
            }
        }
        return blocks;
    }

    /**
     * Converse's stop reason in Anthropic's words: the same names for end_turn, tool_use,
     * max_tokens, stop_sequence and model_context_window_exceeded; a guardrail or content filter
     * that stopped the answer is Anthropic's {@code refusal}.
     */
    static String stopReason(String converse) {
        if (converse == null) {
            return "end_turn";
        }
        return switch (converse) {
            case "guardrail_intervened", "content_filtered" -> "refusal";
            case "end_turn",
                    "tool_use",
                    "max_tokens",
                    "stop_sequence",
                    "model_context_window_exceeded" ->
                    converse;
            default -> "end_turn";
        };
    }
}
