package dev.parley.bedrock;

import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/**
 * Assembles a ConverseStream's content blocks, by Bedrock's block index, into the message a
 * Converse call would have returned: text, reasoning (with its signature) and tool uses (their
 * input JSON concatenated from the deltas). Touched only from the stream's callback thread.
 */
final class StreamedMessage {
    private final Map<Integer, Block> blocks = new TreeMap<>();
    String stopReason;
    Usage usage = Usage.NONE;
    long latencyMs;
    GuardrailTraceAssessment guardrailTrace;
    java.util.Optional<ServiceTier> serviceTier = java.util.Optional.empty();
    java.util.Optional<String> invokedModelId = java.util.Optional.empty();

    private static final class Block {
        final StringBuilder text = new StringBuilder();
        Kind kind;
        String toolUseId;
        String toolName;
        String signature;
        byte[] redacted;
    }

    private enum Kind {
        TEXT,
        REASONING,
        TOOL_USE
    }

    private Block block(int index, Kind kind) {
        Block block = blocks.computeIfAbsent(index, i -> new Block());
        if (block.kind == null) {
            block.kind = kind;
        }
        return block;
    }

    void toolUseStart(int index, String toolUseId, String name) {
        Block block = block(index, Kind.TOOL_USE);
        block.toolUseId = toolUseId;
        block.toolName = name;
    }

    void text(int index, String delta) {
        block(index, Kind.TEXT).text.append(delta);
    }

    void reasoning(int index, String delta) {
        block(index, Kind.REASONING).text.append(delta);
    }

    void signature(int index, String signature) {
        block(index, Kind.REASONING).signature = signature;
    }

    void redacted(int index, byte[] data) {
        block(index, Kind.REASONING).redacted = data;
    }

    void toolUseInput(int index, String partialJson) {
        block(index, Kind.TOOL_USE).text.append(partialJson);
    }

    ModelReply reply(ModelSpec model, boolean showTrace) {
        List<ContentBlock> content = new ArrayList<>();
        boolean intervened = "guardrail_intervened".equals(stopReason);
        for (Block block : blocks.values()) {
            if (intervened && block.kind == Kind.TEXT && block != lastText()) {
                // In async mode the model's text went out before the guardrail's verdict; the
                // guardrail's own message, the last text block, is the answer.
                continue;
            }
            switch (block.kind) {
                case TEXT -> content.add(new ContentBlock.Text(block.text.toString()));
                case REASONING ->
                        content.add(
                                block.redacted != null && block.text.isEmpty()
                                        ? new ContentBlock.RedactedReasoning(block.redacted)
                                        : new ContentBlock.Reasoning(
                                                block.text.toString(), block.signature));
                case TOOL_USE ->
                        content.add(
                                new ContentBlock.ToolUse(
                                        block.toolUseId,
                                        block.toolName,
                                        DocumentJson.parseToolInput(block.text.toString())));
            }
        }
        return new ModelReply(
                        model,
                        new ChatMessage(ChatMessage.Role.ASSISTANT, content),
                        stopReason,
                        usage,
                        latencyMs,
                        ConverseMapper.guardrailOutcome(
                                stopReason, showTrace ? guardrailTrace : null),
                        false,
                        serviceTier,
                        invokedModelId)
                .withGuardrailUnits(GuardrailAssessments.units(guardrailTrace));
    }

    private Block lastText() {
        Block last = null;
        for (Block block : blocks.values()) {
            if (block.kind == Kind.TEXT) {
                last = block;
            }
        }
        return last;
    }
}
