package dev.parley.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Puts one connection's text frames back together into messages under API Gateway's WebSocket
 * quotas: a frame carries at most 32 KB and a message at most 128 KB (larger messages are split
 * into frames of 32 KB or less; "Quotas for configuring and running a WebSocket API in API
 * Gateway"). Done here rather than by Vert.x's own limits, which drop the connection without a
 * word, so the local gateway can tell the client which quota it broke. Used on the event loop only.
 */
final class WebSocketMessageAssembler {
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final int MAX_MESSAGE_BYTES = 128 * 1024;

    /** What a text or continuation frame completed. */
    sealed interface Outcome {
        /** More frames of the message are to come. */
        record Partial() implements Outcome {}

        /** The last frame arrived: the whole message. */
        record Message(String text) implements Outcome {}

        /** A quota was broken; the message is dropped. */
        record TooBig(String reason) implements Outcome {}
    }

    private static final Outcome PARTIAL = new Outcome.Partial();
    private Buffer pending = Buffer.buffer();

    Outcome add(WebSocketFrame frame) {
        Buffer data = frame.binaryData();
        if (data.length() > MAX_FRAME_BYTES) {
            pending = Buffer.buffer();
            return new Outcome.TooBig(
                    "a WebSocket frame of "
                            + data.length()
                            + " bytes is over API Gateway's 32 KB (32768 bytes) frame quota; send a larger message"
                            + " as several frames of 32 KB or less (at most 128 KB in all)");
        }
        if (pending.length() + data.length() > MAX_MESSAGE_BYTES) {
            pending = Buffer.buffer();
            return new Outcome.TooBig(
                    "a WebSocket message over API Gateway's 128 KB (131072 bytes) message quota");
        }
        pending.appendBuffer(data);
        if (!frame.isFinal()) {
            return PARTIAL;
        }
        String text = new String(pending.getBytes(), StandardCharsets.UTF_8);
        pending = Buffer.buffer();
        return new Outcome.Message(text);
    }
}
