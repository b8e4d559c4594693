package dev.parley.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.BodyStream;
import dev.parley.http.EventStreamBody;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.StreamListener;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConverseStream events as the Messages API's server-sent events, in Anthropic's order:
 * {@code message_start} and a {@code ping} (sent with the first block, so a call refused before the
 * model answers is still a plain error response), then per content block
 * {@code content_block_start}, its deltas ({@code text_delta}, {@code thinking_delta},
 * {@code signature_delta}, {@code input_json_delta}) and {@code content_block_stop}; then
 * {@code message_delta} with the stop reason and usage, and {@code message_stop}. Bedrock's block
 * indexes become Anthropic's 0, 1, ... in the order blocks start. The events one Bedrock event
 * causes (the message's start, a ping, a block's start and its first delta) go to the body stream
 * in one write, so the first token costs one trip through the stream, not four.
 */
final class EventWriter implements StreamListener {
    private final ObjectMapper mapper;
    private final String id;
    private final String model;
    private final EventStreamBody stream;
    private final Map<Integer, Integer> indexes = new HashMap<>();
    private final Map<Integer, Boolean> open = new HashMap<>();
    private boolean started;

    EventWriter(ObjectMapper mapper, String id, String model, Optional<BodyStream.Sink> sink) {
        this.mapper = mapper;
        this.id = id;
        this.model = model;
        this.stream = new EventStreamBody(sink);
    }

    @Override
    public synchronized void text(int blockIndex, String delta) {
        int index = block(blockIndex, () -> content("text").put("text", ""));
        delta(
                index,
                JsonNodeFactory.instance.objectNode().put("type", "text_delta").put("text", delta));
        flush();
    }

    @Override
    public synchronized void reasoning(int blockIndex, String delta) {
        int index =
                block(
                        blockIndex,
                        () -> content("thinking").put("thinking", "").put("signature", ""));
        delta(
                index,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "thinking_delta")
                        .put("thinking", delta));
        flush();
    }

    @Override
    public synchronized void reasoningSignature(int blockIndex, String signature) {
        int index =
                block(
                        blockIndex,
                        () -> content("thinking").put("thinking", "").put("signature", ""));
        delta(
                index,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "signature_delta")
                        .put("signature", signature));
        flush();
    }

    @Override
    public synchronized void redactedReasoning(int blockIndex, byte[] data) {
        block(
                blockIndex,
                () ->
                        content("redacted_thinking")
                                .put("data", Base64.getEncoder().encodeToString(data)));
        flush();
    }

    @Override
    public synchronized void toolUseStart(int blockIndex, String toolUseId, String name) {
        block(
                blockIndex,
                () -> {
                    ObjectNode block = content("tool_use").put("id", toolUseId).put("name", name);
                    block.putObject("input");
                    return block;
                });
        flush();
    }

    @Override
    public synchronized void toolUseInput(int blockIndex, String partialJson) {
        int index = block(blockIndex, () -> content("tool_use"));
        delta(
                index,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "input_json_delta")
                        .put("partial_json", partialJson));
        flush();
    }

    @Override
    public synchronized void blockStop(int blockIndex) {
        Integer index = indexes.get(blockIndex);
        if (index != null && open.remove(index) != null) {
            event(
                    "content_block_stop",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("type", "content_block_stop")
                            .put("index", index));
        }
        flush();
    }

    /**
     * A reply that arrived without deltas (a pipeline stage answered it) is sent as whole blocks,
     * so the stream still carries the whole answer.
     */
    synchronized void replayIfSilent(ModelReply reply) {
        if (started) {
            return;
        }
        List<ContentBlock> content = reply.message().content();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = content.get(i);
            if (block instanceof ContentBlock.Text text) {
                text(i, text.text());
            } else if (block instanceof ContentBlock.Reasoning reasoning) {
                reasoning(i, reasoning.text());
                if (reasoning.signature() != null) {
                    reasoningSignature(i, reasoning.signature());
                }
            } else if (block instanceof ContentBlock.RedactedReasoning redacted) {
                redactedReasoning(i, redacted.data());
            } else if (block instanceof ContentBlock.ToolUse use) {
                toolUseStart(i, use.toolUseId(), use.name());
                toolUseInput(i, String.valueOf(use.input()));
            }
            blockStop(i);
        }
        flush();
    }

    synchronized void finish(ModelReply reply) {
        start();
        for (Integer index : List.copyOf(open.keySet())) {
            open.remove(index);
            event(
                    "content_block_stop",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("type", "content_block_stop")
                            .put("index", index));
        }
        ObjectNode delta = JsonNodeFactory.instance.objectNode().put("type", "message_delta");
        delta.putObject("delta")
                .put("stop_reason", MessageViews.stopReason(reply.stopReason()))
                .putNull("stop_sequence");
        delta.set("usage", mapper.valueToTree(MessageViews.UsageView.of(reply)));
        event("message_delta", delta);
        event("message_stop", JsonNodeFactory.instance.objectNode().put("type", "message_stop"));
        flush();
    }

    /** An error after the stream started: Anthropic's {@code error} event, and no message_stop. */
    synchronized void error(Object errorBody) {
        event("error", mapper.valueToTree(errorBody));
        flush();
    }

    /**
     * Whether a failure can only be reported in the body now: an event went out, or a heartbeat
     * already sent the head (a long silence before the first token).
     */
    synchronized boolean started() {
        return started || stream.started();
    }

    synchronized String body() {
        return stream.body();
    }

    /** Anthropic's index of Bedrock block {@code blockIndex}, starting the block (and the message) on first sight. */
    private int block(int blockIndex, java.util.function.Supplier<ObjectNode> startBlock) {
        Integer index = indexes.get(blockIndex);
        if (index != null) {
            return index;
        }
        start();
        int assigned = indexes.size();
        indexes.put(blockIndex, assigned);
        open.put(assigned, true);
        ObjectNode event =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "content_block_start")
                        .put("index", assigned);
        event.set("content_block", startBlock.get());
        event("content_block_start", event);
        return assigned;
    }

    private static ObjectNode content(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private void delta(int index, ObjectNode delta) {
        ObjectNode event =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "content_block_delta")
                        .put("index", index);
        event.set("delta", delta);
        event("content_block_delta", event);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "message_start");
        event.set(
                "message",
                mapper.valueToTree(
                        new MessageViews.Message(
                                id,
                                "message",
                                "assistant",
                                model,
                                List.of(),
                                null,
                                null,
                                new MessageViews.UsageView(0, 0, 0, 0))));
        event("message_start", event);
        event("ping", JsonNodeFactory.instance.objectNode().put("type", "ping"));
    }

    private void event(String name, Object data) {
        stream.event(name, json(data));
    }

    private void flush() {
        stream.flush();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serializable", e);
        }
    }
}
