package dev.parley.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.chat.TurnFrames;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorResponses;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import dev.parley.store.HandOffClaims;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * WebSocket API events: {@code $connect} (refused without an identity when one is required),
 * {@code $disconnect}, the {@code chat} action, and an error frame for anything else. The return
 * value is the integration response API Gateway expects: a status code.
 *
 * <p>A {@code chat} message is validated here; with a stream function configured
 * ({@code parley.websocket.stream-function}) the turn is then handed to it and this invocation
 * answers at once, so API Gateway's 29 s integration timeout never reaches the client. A turn that
 * could not be handed off gets an error frame saying why, and nothing is stored.
 */
@ApplicationScoped
public class WebSocketHandler {
    private static final Logger LOG = Logger.getLogger(WebSocketHandler.class);

    private final ChatStreamer streamer;
    private final StreamHandOff handOff;
    private final HandOffClaims claims;
    private final ConnectionPoster poster;
    private final JsonBody json;
    private final HttpSettings httpSettings;
    private final WebSocketSettings settings;
    private final ObjectMapper mapper;
    private final Clock clock;

    WebSocketHandler(
            ChatStreamer streamer,
            StreamHandOff handOff,
            HandOffClaims claims,
            ConnectionPoster poster,
            JsonBody json,
            HttpSettings httpSettings,
            WebSocketSettings settings,
            ObjectMapper mapper,
            Clock clock) {
        this.streamer = streamer;
        this.handOff = handOff;
        this.claims = claims;
        this.poster = poster;
        this.json = json;
        this.httpSettings = httpSettings;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Map<String, Object> handle(WebSocketEvent event) {
        switch (event.kind()) {
            case CONNECT:
                if (httpSettings.requireIdentity()
                        && HttpRequest.ANONYMOUS.equals(event.caller())) {
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

    /**
     * A turn handed off by {@link #handle} (in the stream function): streamed exactly as it would
     * have been in the receiving invocation, once: a hand-off Lambda delivers again finds its claim
     * ({@code handOffId}, {@link HandOffClaims}) and is dropped. Never throws for an outcome it
     * reported: the outcome is in the frames, and a failed asynchronous invocation would only be
     * recorded as lost (a second error frame) or retried (duplicating the turn).
     */
    public Map<String, Object> stream(
            WebSocketEvent event, Duration queued, Optional<String> handOffId) {
        // The message's request id ties this invocation's log to the receiving one's; a turn that
        // waited long in Lambda's queue (throttling) is worth a line of its own.
        if (queued.compareTo(Duration.ofSeconds(1)) > 0) {
            LOG.infof(
                    "streaming turn %s, handed off %d ms ago",
                    event.requestId(), queued.toMillis());
        } else {
            LOG.debugf(
                    "streaming turn %s, handed off %d ms ago",
                    event.requestId(), queued.toMillis());
        }
        try {
            if (handOffId.isPresent()
                    && !claims.claim(handOffId.get(), event.requestId(), clock.instant())) {
                // Lambda delivered the same event again: the first delivery streams (or streamed)
                // it.
                LOG.infof(
                        "turn %s: hand-off %s was delivered again; dropped",
                        event.requestId(), handOffId.get());
                return Map.of("statusCode", 200, "duplicate", true);
            }
        } catch (ParleyException e) {
            // Without the claim the turn could run twice; storing it would fail on the same store
            // anyway.
            sendError(event, e);
            return Map.of("statusCode", 503);
        }
        JsonFields body;
        try {
            body = json.fields(event.body() == null ? "" : event.body());
        } catch (ParleyException e) {
            sendError(event, e);
            return Map.of("statusCode", 400);
        }
        streamer.chat(event, body);
        return Map.of("statusCode", 200);
    }

    /**
     * Tells the client of a turn Lambda accepted but the stream function never completed (from
     * Lambda's on-failure record, {@link LostTurn}) that its reply was lost, with the hand-off's
     * request id. A client that has gone (410) needs no answer; false only when the post failed
     * otherwise, so the record's queue can deliver it again.
     */
    public boolean lost(LostTurn lost) {
        WebSocketEvent event = lost.event();
        if (LostTurn.SUCCESS.equals(lost.condition())) {
            // Not a failure (an on-success destination pointed at the same queue): the stream
            // answered.
            LOG.infof("turn %s: a success record, nothing to report", event.requestId());
            return true;
        }
        String why =
                switch (lost.condition()) {
                    case "EventAgeExceeded" ->
                            "it waited in Lambda's queue past its maximum age and never ran"
                                    + " (EventAgeExceeded; the stream function was throttled or unavailable)";
                    case "RetriesExhausted" ->
                            "the stream function stopped before it finished (RetriesExhausted"
                                    + lost.errorType().map(type -> ", " + type).orElse("")
                                    + ")";
                    default -> "Lambda dropped it (" + lost.condition() + ")";
                };
        LOG.warnf(
                "turn %s on connection %s was lost: %s",
                event.requestId(), event.connectionId(), why);
        ParleyException e =
                new ParleyException(
                        ErrorCode.STREAM_UNAVAILABLE,
                        "the reply was lost: "
                                + why
                                + "; the turn did not complete, so nothing was stored; send the message again");
        return sendError(event, e) != ConnectionPoster.Result.FAILED;
    }

    private void message(WebSocketEvent event) {
        JsonFields body;
        String action;
        try {
            body = json.fields(event.body() == null ? "" : event.body());
            action = body.requiredString("action");
        } catch (ParleyException e) {
            sendError(
                    event,
                    new ParleyException(
                            ErrorCode.BAD_REQUEST,
                            "messages must be JSON objects with an"
                                    + " \"action\" (supported: chat): "
                                    + e.getMessage()));
            return;
        }
        if (!"chat".equals(action)) {
            sendError(
                    event,
                    new ParleyException(
                            ErrorCode.BAD_REQUEST,
                            "unknown action '" + action + "'; supported: chat"));
            return;
        }
        Optional<String> streamFunction = settings.streamFunction();
        if (streamFunction.isEmpty()) {
            streamer.chat(event, body);
            return;
        }
        try {
            streamer.validate(body);
            handOff.handOff(streamFunction.get(), ChatHandOff.of(event, clock.instant()));
        } catch (ParleyException e) {
            sendError(event, e);
        }
    }

    private ConnectionPoster.Result sendError(WebSocketEvent event, ParleyException e) {
        try {
            return poster.post(
                    settings.managementEndpoint().orElse(event.managementEndpoint()),
                    event.connectionId(),
                    mapper.writeValueAsString(
                            new TurnFrames.Error(ErrorResponses.detail(e, event.requestId()))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
