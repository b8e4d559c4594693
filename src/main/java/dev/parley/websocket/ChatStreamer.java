package dev.parley.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.chat.ChatReply;
import dev.parley.chat.ChatRequest;
import dev.parley.chat.ChatService;
import dev.parley.chat.TurnFrames;
import dev.parley.chat.TurnStream;
import dev.parley.error.ParleyException;
import dev.parley.http.ErrorResponses;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonFields;
import dev.parley.identity.Caller;
import dev.parley.tools.ToolCall;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The WebSocket {@code chat} action: one chat turn streamed with ConverseStream ({@link TurnStream},
 * the core it shares with {@code POST /v1/chat} as server-sent events), its frames posted to the
 * caller's connection, and the completed turn stored exactly as {@code POST /v1/chat} stores it (a turn the guardrail intervened in is not stored). A failed model call sends an error frame and
 * stores nothing; a client that went away mid-stream stops the posting, not the turn.
 */
@ApplicationScoped
public class ChatStreamer {
    private final TurnStream turns;
    private final ConnectionPoster poster;
    private final ObjectMapper mapper;
    private final WebSocketSettings settings;
    private final HttpSettings limits;
    private final ModelCatalog catalog;
    private final ExecutorService workers =
            Executors.newCachedThreadPool(
                    task -> {
                        Thread thread = new Thread(task, "parley-frames");
                        thread.setDaemon(true);
                        return thread;
                    });

    ChatStreamer(
            TurnStream turns,
            ConnectionPoster poster,
            ObjectMapper mapper,
            WebSocketSettings settings,
            HttpSettings limits,
            ModelCatalog catalog) {
        this.turns = turns;
        this.poster = poster;
        this.mapper = mapper;
        this.settings = settings;
        this.limits = limits;
        this.catalog = catalog;
    }

    /**
     * What can be checked of a turn without reading the conversation or calling the model, so a
     * malformed message gets its error frame from the function that received it, before any
     * hand-off. The stream checks the rest (the conversation, the model's limits) when it starts.
     */
    void validate(JsonFields body) {
        ChatRequest request = refuseTools(ChatRequest.from(body, limits.maxTextChars()));
        request.model().ifPresent(catalog::resolve);
    }

    private static ChatRequest refuseTools(ChatRequest request) {
        if (request.tools().isPresent() || request.toolChoice().isPresent()) {
            throw ParleyException.validation(
                    "tools are not available when streaming; use POST /v1/chat");
        }
        return request;
    }

    /** Streams one turn; every outcome, including failures, ends in frames on the connection. */
    void chat(WebSocketEvent event, JsonFields body) {
        FrameStream frames =
                new FrameStream(
                        poster,
                        mapper,
                        workers,
                        settings.managementEndpoint().orElse(event.managementEndpoint()),
                        event.connectionId(),
                        settings.coalesce(),
                        settings.maxFrameChars());
        try {
            ChatRequest request = refuseTools(ChatRequest.from(body, limits.maxTextChars()));
            ChatReply answer =
                    turns.run(
                            request,
                            event.keyId()
                                    .map(id -> Caller.ofKey(event.caller(), id, false))
                                    .orElseGet(
                                            () ->
                                                    Caller.authenticated(
                                                            event.caller(),
                                                            Caller.Via.AUTHORIZER,
                                                            false)),
                            "stream",
                            event.deadline(),
                            new TurnStream.Events() {
                                @Override
                                public void start(ChatService.PreparedTurn turn) {
                                    frames.frame(
                                            new TurnFrames.Start(
                                                    turn.conversationId(),
                                                    turn.turn(),
                                                    turn.model().alias()));
                                }

                                @Override
                                public void tool(ToolCall call) {
                                    // Tools are not named on a streamed turn, but a follow-up in a
                                    // conversation that
                                    // used them runs them (ChatService.PreparedTurn.runsTools), as
                                    // POST /v1/chat does.
                                    frames.frame(new TurnFrames.Tool(call));
                                }

                                @Override
                                public void reasoning(String delta) {
                                    frames.reasoning(delta);
                                }

                                @Override
                                public void text(String delta) {
                                    frames.text(delta);
                                }
                            });
            frames.frame(new TurnFrames.End(answer));
        } catch (ParleyException e) {
            frames.frame(new TurnFrames.Error(ErrorResponses.detail(e, event.requestId())));
        } finally {
            frames.finish(TurnStream.STORE_MARGIN);
        }
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
    }
}
