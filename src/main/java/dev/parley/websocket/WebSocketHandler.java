package dev.parley.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorResponses;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * WebSocket API events: {@code $connect} (refused without an identity when one is required),
 * {@code $disconnect}, the {@code chat} action, and an error frame for anything else. The return
 * value is the integration response API Gateway expects: a status code.
 */
@ApplicationScoped
public class WebSocketHandler {
    private final ChatStreamer streamer;
    private final ConnectionPoster poster;
    private final JsonBody json;
    private final HttpSettings httpSettings;
    private final WebSocketSettings settings;
    private final ObjectMapper mapper;

    WebSocketHandler(ChatStreamer streamer, ConnectionPoster poster, JsonBody json, HttpSettings httpSettings,
            WebSocketSettings settings, ObjectMapper mapper) {
        this.streamer = streamer;
        this.poster = poster;
        this.json = json;
        this.httpSettings = httpSettings;
        this.settings = settings;
        this.mapper = mapper;
    }

    public Map<String, Object> handle(WebSocketEvent event) {
        switch (event.kind()) {
            case CONNECT:
                if (httpSettings.requireIdentity() && HttpRequest.ANONYMOUS.equals(event.caller())) {
                    return Map.of("statusCode", 401);
                }
                return Map.of("statusCode", 200);
            case DISCONNECT:
                return Map.of("statusCode", 200);
            default:
                message(event);
                return Map.of("statusCode", 200);
        }
    }

    private void message(WebSocketEvent event) {
        JsonFields body;
        String action;
        try {
            body = json.fields(event.body() == null ? "" : event.body());
            action = body.requiredString("action");
        } catch (ParleyException e) {
            sendError(event, new ParleyException(ErrorCode.BAD_REQUEST, "messages must be JSON objects with an"
                    + " \"action\" (supported: chat): " + e.getMessage()));
            return;
        }
        if ("chat".equals(action)) {
            streamer.chat(event, body);
        } else {
            sendError(event, new ParleyException(ErrorCode.BAD_REQUEST, "unknown action '" + action
                    + "'; supported: chat"));
        }
    }

    private void sendError(WebSocketEvent event, ParleyException e) {
        try {
            poster.post(settings.managementEndpoint().orElse(event.managementEndpoint()), event.connectionId(),
                    mapper.writeValueAsString(new Frames.Error(ErrorResponses.detail(e, event.requestId()))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
