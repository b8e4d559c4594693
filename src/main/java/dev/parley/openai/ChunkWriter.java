package dev.parley.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.http.BodyStream;
import dev.parley.http.EventStreamBody;
import dev.parley.modelcall.StreamListener;
import dev.parley.modelcall.Usage;
import dev.parley.openai.CompletionViews.Chunk;
import dev.parley.openai.CompletionViews.ChunkChoice;
import dev.parley.openai.CompletionViews.Delta;
import dev.parley.openai.CompletionViews.FunctionDelta;
import dev.parley.openai.CompletionViews.ToolCallDelta;
import dev.parley.openai.CompletionViews.UsageView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConverseStream events as {@code chat.completion.chunk} server-sent events, in OpenAI's order:
 * the role first (sent with the first delta, so a call refused before the model answers is still
 * a plain error response), content, reasoning and tool-call deltas (tool calls numbered 0, 1, ...
 * in the order they start), the finish chunk, the usage chunk when asked for, then {@code [DONE]}.
 */
final class ChunkWriter implements StreamListener {
    private final ObjectMapper mapper;
    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    /** Every callback's chunks leave in one write (the role chunk and the first delta together). */
    private final EventStreamBody stream;

    /** Bedrock content block index to OpenAI tool call index. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();

    private boolean started;

    ChunkWriter(
            ObjectMapper mapper,
            String id,
            long created,
            String model,
            boolean includeUsage,
            Optional<BodyStream.Sink> sink) {
        this.mapper = mapper;
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.stream = new EventStreamBody(sink);
    }

    @Override
    public synchronized void text(String delta) {
        start();
        delta(new Delta(null, delta, null, null));
        stream.flush();
    }

    @Override
    public synchronized void reasoning(String delta) {
        start();
        delta(new Delta(null, null, delta, null));
        stream.flush();
    }

    @Override
    public synchronized void toolUseStart(int blockIndex, String toolUseId, String name) {
        start();
        int index = toolIndexes.computeIfAbsent(blockIndex, block -> toolIndexes.size());
        delta(
                new Delta(
                        null,
                        null,
                        null,
                        List.of(
                                new ToolCallDelta(
                                        index,
                                        toolUseId,
                                        "function",
                                        new FunctionDelta(name, "")))));
        stream.flush();
    }

    @Override
    public synchronized void toolUseInput(int blockIndex, String partialJson) {
        start();
        Integer index = toolIndexes.get(blockIndex);
        if (index != null) {
            delta(
                    new Delta(
                            null,
                            null,
                            null,
                            List.of(
                                    new ToolCallDelta(
                                            index,
                                            null,
                                            null,
                                            new FunctionDelta(null, partialJson)))));
        }
        stream.flush();
    }

    /**
     * A reply that arrived without deltas (a pipeline stage answered it, e.g. the response cache)
     * is sent as one delta per part, so the stream still carries the whole answer.
     */
    synchronized void replayIfSilent(dev.parley.modelcall.ModelReply reply) {
        if (started) {
            return;
        }
        if (!reply.reasoning().isEmpty()) {
            reasoning(reply.reasoning());
        }
        if (!reply.text().isEmpty()) {
            text(reply.text());
        }
        int block = 0;
        for (var content : reply.message().content()) {
            if (content instanceof dev.parley.modelcall.ContentBlock.ToolUse use) {
                toolUseStart(block, use.toolUseId(), use.name());
                toolUseInput(block, String.valueOf(use.input()));
            }
            block++;
        }
    }

    /**
     * The finish chunk (and the usage chunk) carry {@code service_tier}, as OpenAI's do: the tier
     * Bedrock served the call on, which it reports only in the stream's closing metadata.
     */
    synchronized void finish(String finishReason, Usage usage, String serviceTier) {
        start();
        event(
                new Chunk(
                        id,
                        "chat.completion.chunk",
                        created,
                        model,
                        List.of(
                                new ChunkChoice(
                                        0, new Delta(null, null, null, null), finishReason, null)),
                        null,
                        serviceTier));
        if (includeUsage) {
            event(
                    new Chunk(
                            id,
                            "chat.completion.chunk",
                            created,
                            model,
                            List.of(),
                            UsageView.of(usage),
                            serviceTier));
        }
        stream.data("[DONE]");
        stream.flush();
    }

    /** An error after the stream started: one error event, as OpenAI sends, and no [DONE]. */
    synchronized void error(Object errorBody) {
        stream.data(json(errorBody));
        stream.flush();
    }

    synchronized boolean started() {
        return started || stream.started();
    }

    synchronized String body() {
        return stream.body();
    }

    private void start() {
        if (!started) {
            started = true;
            delta(new Delta("assistant", "", null, null));
        }
    }

    private void delta(Delta delta) {
        event(
                new Chunk(
                        id,
                        "chat.completion.chunk",
                        created,
                        model,
                        List.of(new ChunkChoice(0, delta, null, null)),
                        null));
    }

    private void event(Chunk chunk) {
        stream.data(json(chunk));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chunk not serializable", e);
        }
    }
}
