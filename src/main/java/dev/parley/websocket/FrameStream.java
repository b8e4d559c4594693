package dev.parley.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.chat.TurnFrames;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The frames of one streamed turn, posted in order by one worker so the model's stream is never
 * blocked by the network. Text is coalesced: the first delta goes out at once; text arriving while
 * the worker waits out the coalescing interval is sent as one delta. Reasoning is coalesced the
 * same way into reasoning frames, never merged with answer text. Once the client has gone,
 * nothing more is posted, but the stream (and the turn) carries on.
 */
final class FrameStream {
    private static final Object END = new Object();

    private final ConnectionPoster poster;
    private final ObjectMapper mapper;
    private final URI endpoint;
    private final String connectionId;
    private final Duration coalesce;
    private final int maxFrameChars;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished;
    private volatile boolean gone;

    FrameStream(
            ConnectionPoster poster,
            ObjectMapper mapper,
            ExecutorService worker,
            URI endpoint,
            String connectionId,
            Duration coalesce,
            int maxFrameChars) {
        this.poster = poster;
        this.mapper = mapper;
        this.endpoint = endpoint;
        this.connectionId = connectionId;
        this.coalesce = coalesce;
        this.maxFrameChars = maxFrameChars;
        this.finished = CompletableFuture.runAsync(this::work, worker);
    }

    void frame(Object frame) {
        queue.add(frame);
    }

    void text(String delta) {
        if (!delta.isEmpty()) {
            queue.add(new Piece(false, new StringBuilder(delta)));
        }
    }

    void reasoning(String delta) {
        if (!delta.isEmpty()) {
            queue.add(new Piece(true, new StringBuilder(delta)));
        }
    }

    /** Streamed text waiting to be posted: the answer's, or the model's reasoning. */
    private record Piece(boolean reasoning, StringBuilder text) {}

    /** Posts what is queued and waits (at most {@code timeout}) until it is out. */
    void finish(Duration timeout) {
        queue.add(END);
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            finished.cancel(true);
        }
    }

    private void work() {
        try {
            Object pending = null;
            while (true) {
                Object item = pending != null ? pending : queue.take();
                pending = null;
                if (item == END) {
                    return;
                }
                if (!(item instanceof Piece piece)) {
                    post(item);
                    continue;
                }
                postText(piece);
                // Hold back what arrives next for one interval, then send it as one frame. The text
                // at the head of the queue came before anything queued behind it, so order holds.
                Thread.sleep(coalesce.toMillis());
                StringBuilder merged = new StringBuilder();
                while (queue.peek() instanceof Piece more
                        && more.reasoning() == piece.reasoning()) {
                    merged.append(more.text());
                    queue.poll();
                }
                pending = merged.isEmpty() ? null : new Piece(piece.reasoning(), merged);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void postText(Piece piece) {
        StringBuilder text = piece.text();
        for (int from = 0; from < text.length(); from += maxFrameChars) {
            String part = text.substring(from, Math.min(text.length(), from + maxFrameChars));
            post(piece.reasoning() ? new TurnFrames.Reasoning(part) : new TurnFrames.Delta(part));
        }
    }

    private void post(Object frame) {
        if (gone) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame is not serializable", e);
        }
        if (poster.post(endpoint, connectionId, json) == ConnectionPoster.Result.GONE) {
            gone = true;
        }
    }
}
