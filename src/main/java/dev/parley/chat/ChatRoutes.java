package dev.parley.chat;

import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.JsonFields;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.http.UnknownFields;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code POST /v1/chat}: 201 and {@code Location} for a new conversation, 200 for a continued one;
 * with {@code Accept: text/event-stream}, the turn as server-sent events ({@link ChatEventStream}).
 */
@ApplicationScoped
public class ChatRoutes implements RouteSet {
    private final ChatService chat;
    private final JsonBody json;
    private final HttpSettings limits;
    private final ChatEventStream events;

    ChatRoutes(ChatService chat, JsonBody json, HttpSettings limits, ChatEventStream events) {
        this.chat = chat;
        this.events = events;
        this.json = json;
        this.limits = limits;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/v1/chat", this::chat).streamed());
    }

    private HttpResponse chat(HttpRequest request) {
        JsonFields body = json.fields(request);
        ChatRequest chatRequest = ChatRequest.from(body, limits.maxTextChars());
        if (ChatEventStream.wanted(request)) {
            if (chatRequest.responseFormat().isPresent()) {
                // A structured answer is validated whole before it is returned, so it is not
                // streamed.
                throw dev.parley.error.ParleyException.validation(
                        "responseFormat is answered whole, not streamed;"
                                + " send the request without Accept: text/event-stream");
            }
            return events.stream(
                    chatRequest, request, UnknownFields.warning(body, ChatRequest.FIELDS));
        }
        ChatService.Turn turn = chat.send(chatRequest, request.identity(), request.deadline());
        HttpResponse answer =
                turn.created()
                        ? HttpResponse.created(
                                "/v1/conversations/" + turn.reply().conversationId(), turn.reply())
                        : HttpResponse.ok(turn.reply());
        return UnknownFields.warn(answer, body, ChatRequest.FIELDS);
    }
}
