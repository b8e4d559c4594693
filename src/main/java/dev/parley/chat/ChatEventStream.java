package dev.parley.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ParleyException;
import dev.parley.http.BodyStream;
import dev.parley.http.ErrorResponses;
import dev.parley.http.EventStreamBody;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.TextBody;
import dev.parley.tools.ToolCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/chat} with {@code Accept: text/event-stream}: the turn as server-sent events
 * whose data are the WebSocket's frames ({@code start}, {@code reasoning}, {@code delta},
 * {@code tool}, then {@code end} or {@code error}), each event named after its frame's type. The
 * turn runs through {@link TurnStream}, so it is stored exactly as the WebSocket stores it.
 *
 * <p>Nothing is sent before the model's first token (the start event goes out with it): a turn
 * refused before then (unknown conversation, a model error before any text) is an ordinary error
 * response with its status. After that, a failure is an {@code error} event, nothing is stored,
 * and the stream's error trailers report it to Lambda.
 */
@ApplicationScoped
public class ChatEventStream {
    private final TurnStream turns;
    private final BodyStream bodyStream;
    private final ObjectMapper mapper;

    ChatEventStream(TurnStream turns, BodyStream bodyStream, ObjectMapper mapper) {
        this.turns = turns;
        this.bodyStream = bodyStream;
        this.mapper = mapper;
    }

    /** Whether the client asked for server-sent events. */
    public static boolean wanted(HttpRequest request) {
        // Media types are case-insensitive (RFC 9110, 8.3.1).
        return request.header("accept")
                .filter(accept -> accept.toLowerCase(Locale.ROOT).contains("text/event-stream"))
                .isPresent();
    }

    /** The turn as events; {@code headers} (a warning the route knows already) go in the stream's head. */
    public HttpResponse stream(ChatRequest request, HttpRequest http, Map<String, String> headers) {
        Events events = new Events(bodyStream.open(http, headers));
        try {
            ChatReply answer = turns.run(request, http.identity(), "chat", http.deadline(), events);
            events.send(new TurnFrames.End(answer), "end");
        } catch (ParleyException e) {
            if (!events.started()) {
                throw e;
            }
            events.send(new TurnFrames.Error(ErrorResponses.detail(e, http.requestId())), "error");
            events.fail(e);
        }
        Map<String, String> head = new java.util.LinkedHashMap<>(headers);
        head.put("Cache-Control", "no-cache");
        return new HttpResponse(200, head, new TextBody(BodyStream.EVENT_STREAM, events.body()));
    }

    /** The events of one turn, written to the body stream as they come and kept for the whole body. */
    private final class Events implements TurnStream.Events {
        private final EventStreamBody stream;

        Events(Optional<BodyStream.Sink> sink) {
            this.stream = new EventStreamBody(sink);
        }

        /** The start event leaves with the first other one, so the first byte is the first token. */
        @Override
        public synchronized void start(ChatService.PreparedTurn turn) {
            stream.event(
                    "start",
                    json(
                            new TurnFrames.Start(
                                    turn.conversationId(), turn.turn(), turn.model().alias())));
        }

        @Override
        public void reasoning(String delta) {
            if (!delta.isEmpty()) {
                send(new TurnFrames.Reasoning(delta), "reasoning");
            }
        }

        @Override
        public void text(String delta) {
            if (!delta.isEmpty()) {
                send(new TurnFrames.Delta(delta), "delta");
            }
        }

        @Override
        public void tool(ToolCall call) {
            send(new TurnFrames.Tool(call), "tool");
        }

        synchronized boolean started() {
            return stream.started();
        }

        synchronized String body() {
            return stream.body();
        }

        synchronized void fail(ParleyException e) {
            stream.fail(e.code().code(), e.getMessage());
        }

        synchronized void send(Object frame, String type) {
            stream.event(type, json(frame));
            stream.flush();
        }

        private String json(Object frame) {
            try {
                return mapper.writeValueAsString(frame);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("frame not serializable", e);
            }
        }
    }
}
