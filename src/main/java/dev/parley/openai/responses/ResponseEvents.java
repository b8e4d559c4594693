package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.BodyStream;
import dev.parley.http.EventStreamBody;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.StreamListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConverseStream events as the Responses API's typed server-sent events: {@code response.created}
 * and {@code response.in_progress} before the first delta (so a call refused before the model
 * answers is still a plain error response), then per output item {@code output_item.added}, its
 * deltas ({@code output_text.delta} after {@code content_part.added}, {@code
 * reasoning_summary_text.delta} after {@code reasoning_summary_part.added}, {@code
 * function_call_arguments.delta}), and at the end the {@code ...done} events of every item (the
 * final items, with reasoning's encrypted_content once its signature is known) and
 * {@code response.completed}; or {@code response.failed} and {@code error} when the model fails
 * mid-stream. Every event carries its {@code sequence_number}.
 */
final class ResponseEvents implements StreamListener {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private enum Kind {
        MESSAGE,
        REASONING,
        FUNCTION_CALL
    }

    private record Item(Kind kind, String id, StringBuilder content, int outputIndex) {}

    private final ObjectNode response;

    /**
     * The events of the model event being handled are sent as one piece when it is handled: the five
     * events around the first delta leave in one chunk, not five (each chunk crosses the response
     * stream on its own; five cost the first token about 40 ms in HttpStreamingBenchmark).
     */
    private final EventStreamBody stream;

    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> toolsByBlock = new HashMap<>();
    private Item open;
    private int sequence;
    private boolean started;

    ResponseEvents(ObjectNode response, Optional<BodyStream.Sink> sink) {
        this.response = response;
        this.stream = new EventStreamBody(sink);
    }

    @Override
    public synchronized void text(String delta) {
        Item item = openItem(Kind.MESSAGE);
        item.content().append(delta);
        emit(
                "response.output_text.delta",
                event(item)
                        .put("content_index", 0)
                        .put("delta", delta)
                        .set("logprobs", NODES.arrayNode()));
        flush();
    }

    @Override
    public synchronized void reasoning(String delta) {
        Item item = openItem(Kind.REASONING);
        item.content().append(delta);
        emit(
                "response.reasoning_summary_text.delta",
                event(item).put("summary_index", 0).put("delta", delta));
        flush();
    }

    @Override
    public synchronized void toolUseStart(int blockIndex, String toolUseId, String name) {
        start();
        Item item = add(Kind.FUNCTION_CALL);
        toolsByBlock.put(blockIndex, item);
        open = null;
        emit(
                "response.output_item.added",
                NODES.objectNode()
                        .put("output_index", item.outputIndex())
                        .set(
                                "item",
                                ResponseJson.functionCallItem(
                                        item.id(), toolUseId, name, "", "in_progress")));
        flush();
    }

    @Override
    public synchronized void toolUseInput(int blockIndex, String partialJson) {
        Item item = toolsByBlock.get(blockIndex);
        if (item != null) {
            item.content().append(partialJson);
            emit("response.function_call_arguments.delta", event(item).put("delta", partialJson));
        }
        flush();
    }

    /** A reply that arrived without deltas (a structured answer, the response cache) as one delta per part. */
    synchronized void replayIfSilent(ModelReply reply) {
        if (started) {
            return;
        }
        int block = 0;
        for (ContentBlock content : reply.message().content()) {
            if (content instanceof ContentBlock.Reasoning reasoning) {
                reasoning(reasoning.text());
            } else if (content instanceof ContentBlock.Text text) {
                text(text.text());
            } else if (content instanceof ContentBlock.ToolUse use) {
                toolUseStart(block, use.toolUseId(), use.name());
                toolUseInput(block, String.valueOf(use.input()));
            }
            block++;
        }
    }

    /** The ids of the items announced so far, in output order (the final output reuses them). */
    synchronized List<String> ids() {
        return items.stream().map(Item::id).toList();
    }

    /** The done events of every item, then {@code response.completed} with the finished response. */
    synchronized void finish(ObjectNode finished) {
        start();
        ArrayNode output = (ArrayNode) finished.get("output");
        for (int i = 0; i < output.size(); i++) {
            JsonNode item = output.get(i);
            Item streamed = i < items.size() ? items.get(i) : null;
            String id = item.path("id").asText();
            switch (item.path("type").asText()) {
                case "message" -> {
                    JsonNode part = item.path("content").path(0);
                    emit(
                            "response.output_text.done",
                            done(id, i)
                                    .put("content_index", 0)
                                    .put("text", part.path("text").asText())
                                    .set("logprobs", NODES.arrayNode()));
                    emit(
                            "response.content_part.done",
                            done(id, i).put("content_index", 0).set("part", part));
                }
                case "reasoning" -> {
                    String text = item.path("summary").path(0).path("text").asText("");
                    emit(
                            "response.reasoning_summary_text.done",
                            done(id, i).put("summary_index", 0).put("text", text));
                    emit(
                            "response.reasoning_summary_part.done",
                            done(id, i)
                                    .put("summary_index", 0)
                                    .set(
                                            "part",
                                            NODES.objectNode()
                                                    .put("type", "summary_text")
                                                    .put("text", text)));
                }
                case "function_call" ->
                        emit(
                                "response.function_call_arguments.done",
                                done(id, i)
                                        .put("name", item.path("name").asText())
                                        .put("arguments", item.path("arguments").asText()));
                default -> {}
            }
            if (streamed == null) {
                emit(
                        "response.output_item.added",
                        NODES.objectNode().put("output_index", i).set("item", item));
            }
            emit(
                    "response.output_item.done",
                    NODES.objectNode().put("output_index", i).set("item", item));
        }
        emit("response.completed", NODES.objectNode().set("response", finished));
        flush();
    }

    /** A failure after the stream started: {@code response.failed}, then OpenAI's {@code error} event. */
    synchronized void fail(String code, String message) {
        ObjectNode failed = response.deepCopy().put("status", "failed");
        failed.putObject("error").put("code", code).put("message", message);
        emit("response.failed", NODES.objectNode().set("response", failed));
        emit(
                "error",
                NODES.objectNode().put("code", code).put("message", message).putNull("param"));
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

    private Item openItem(Kind kind) {
        start();
        if (open != null && open.kind() == kind) {
            return open;
        }
        Item item = add(kind);
        open = item;
        if (kind == Kind.MESSAGE) {
            emit(
                    "response.output_item.added",
                    NODES.objectNode()
                            .put("output_index", item.outputIndex())
                            .set("item", withEmptyContent(item.id())));
            emit(
                    "response.content_part.added",
                    event(item).put("content_index", 0).set("part", ResponseJson.outputText("")));
        } else {
            emit(
                    "response.output_item.added",
                    NODES.objectNode()
                            .put("output_index", item.outputIndex())
                            .set("item", ResponseJson.reasoningItem(item.id(), null)));
            emit(
                    "response.reasoning_summary_part.added",
                    event(item)
                            .put("summary_index", 0)
                            .set(
                                    "part",
                                    NODES.objectNode()
                                            .put("type", "summary_text")
                                            .put("text", "")));
        }
        return item;
    }

    private static ObjectNode withEmptyContent(String id) {
        ObjectNode item = ResponseJson.messageItem(id, "in_progress");
        item.putArray("content");
        return item;
    }

    private Item add(Kind kind) {
        String prefix =
                switch (kind) {
                    case MESSAGE -> "msg_";
                    case REASONING -> "rs_";
                    case FUNCTION_CALL -> "fc_";
                };
        Item item = new Item(kind, ResponseJson.newId(prefix), new StringBuilder(), items.size());
        items.add(item);
        return item;
    }

    private void start() {
        if (!started) {
            started = true;
            emit("response.created", NODES.objectNode().set("response", response));
            emit("response.in_progress", NODES.objectNode().set("response", response));
        }
    }

    private static ObjectNode event(Item item) {
        return NODES.objectNode().put("item_id", item.id()).put("output_index", item.outputIndex());
    }

    private static ObjectNode done(String itemId, int outputIndex) {
        return NODES.objectNode().put("item_id", itemId).put("output_index", outputIndex);
    }

    private void emit(String type, ObjectNode data) {
        ObjectNode event = NODES.objectNode().put("type", type);
        event.setAll(data);
        event.put("sequence_number", sequence++);
        stream.event(type, event.toString());
    }

    private void flush() {
        stream.flush();
    }
}
