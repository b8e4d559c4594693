package dev.parley.http;

import java.util.Optional;

/**
 * The body of a server-sent event stream, whichever dialect writes it: every event is kept for the
 * whole body (the route returns it when the stream ends, or whole where nothing streams) and queued
 * for the request's {@link BodyStream.Sink} until {@link #flush}. A writer flushes once per upstream
 * event, so the events one model delta causes (a message's start, a block's start, the delta) leave
 * in ONE write: one chunk on the wire, and the first byte a client sees carries the first token.
 *
 * <p>Not thread-safe: the dialect's writer that owns it serializes its callbacks.
 */
public final class EventStreamBody {
    private final Optional<BodyStream.Sink> sink;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private boolean written;

    public EventStreamBody(Optional<BodyStream.Sink> sink) {
        this.sink = sink;
    }

    /** Queues {@code event: name} with its data (one line of JSON). */
    public void event(String name, String data) {
        queue("event: " + name + "\ndata: " + data + "\n\n");
    }

    /** Queues an unnamed event (OpenAI's chunks, and its {@code [DONE]}). */
    public void data(String data) {
        queue("data: " + data + "\n\n");
    }

    /** Hands every queued event to the sink in one write; throws when the client is gone. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        String events = pending.toString();
        pending.setLength(0);
        written = true;
        sink.ifPresent(s -> s.write(events));
    }

    /**
     * Whether the response has begun: an event was flushed, or the sink sent the head (a heartbeat).
     * From then on a failure can only be reported in the body.
     */
    public boolean started() {
        return written || sink.map(BodyStream.Sink::started).orElse(false);
    }

    /**
     * Tells Lambda the response failed after it started (the error event is already flushed), so
     * the invocation counts as failed.
     */
    public void fail(String errorCode, String message) {
        sink.ifPresent(s -> s.fail(errorCode, message));
    }

    /** Every event so far, flushed or not. */
    public String body() {
        return body.toString();
    }

    private void queue(String event) {
        body.append(event);
        pending.append(event);
    }
}
