package dev.parley.chat;

import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.HttpSettings;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code POST /v1/chat}: 201 and {@code Location} for a new conversation, 200 for a continued one. */
@ApplicationScoped
public class ChatRoutes implements RouteSet {
    private final ChatService chat;
    private final JsonBody json;
    private final HttpSettings limits;

    ChatRoutes(ChatService chat, JsonBody json, HttpSettings limits) {
        this.chat = chat;
        this.json = json;
        this.limits = limits;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.post("/v1/chat", this::chat));
    }

    private HttpResponse chat(HttpRequest request) {
        ChatService.Turn turn = chat.send(ChatRequest.from(json.fields(request), limits.maxTextChars()), request.caller(),
                request.deadline());
        if (turn.created()) {
            return HttpResponse.created("/v1/conversations/" + turn.reply().conversationId(), turn.reply());
        }
        return HttpResponse.ok(turn.reply());
    }
}
