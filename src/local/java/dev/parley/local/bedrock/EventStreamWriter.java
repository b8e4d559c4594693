package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Writes AWS event-stream frames ({@code application/vnd.amazon.eventstream}) the way Bedrock's
 * streaming operations do: events carry {@code :event-type}, {@code :content-type} and
 * {@code :message-type event}; modelled errors carry {@code :exception-type} and
 * {@code :message-type exception} with a {@code {"message": ...}} payload.
 */
final class EventStreamWriter {

    private final OutputStream out;

    EventStreamWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void event(String eventType, JsonNode payload) throws IOException {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        write(headers, Json.bytes(payload));
    }

    /** InvokeModelWithResponseStream wraps each model-native JSON chunk as {"bytes": base64}. */
    void chunk(JsonNode modelChunk) throws IOException {
        event(
                "chunk",
                Json.object()
                        .put("bytes", Base64.getEncoder().encodeToString(Json.bytes(modelChunk))));
    }

    synchronized void exception(ErrorType type, String message) throws IOException {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(type.eventName()));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        write(
                headers,
                Json.object().put("message", message).toString().getBytes(StandardCharsets.UTF_8));
    }

    private void write(Map<String, HeaderValue> headers, byte[] payload) throws IOException {
        new Message(headers, payload).encode(out);
        out.flush();
    }
}
