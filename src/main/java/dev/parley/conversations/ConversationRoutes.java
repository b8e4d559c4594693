package dev.parley.conversations;

import dev.parley.chat.ConversationIds;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.PageSize;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.modelcall.ContentJson;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore;
import dev.parley.store.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Reading, listing and deleting the caller's conversations. Another caller's conversation answers
 * 404 exactly like a missing one, so ids reveal nothing.
 */
@ApplicationScoped
public class ConversationRoutes implements RouteSet {

    private final ConversationStore store;

    ConversationRoutes(ConversationStore store) {
        this.store = store;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/conversations", this::list),
                Route.get("/v1/conversations/{id}", this::get),
                Route.delete("/v1/conversations/{id}", this::delete));
    }

    private HttpResponse list(HttpRequest request) {
        int limit = PageSize.of(request);
        Page<ConversationRecord> page =
                store.list(request.caller(), limit, request.queryParam("cursor"));
        List<ConversationViews.Summary> items =
                page.items().stream()
                        .map(
                                c ->
                                        new ConversationViews.Summary(
                                                c.conversationId(),
                                                c.title(),
                                                c.model(),
                                                c.turns(),
                                                c.createdAt().toString(),
                                                c.updatedAt().toString()))
                        .toList();
        return HttpResponse.ok(
                new ConversationViews.Listing(items, page.nextCursor().orElse(null)));
    }

    private HttpResponse get(HttpRequest request) {
        String id = request.pathParam("id");
        ConversationRecord conversation = owned(id, request.caller());
        List<ConversationViews.Message> messages =
                store.allMessages(id).stream()
                        .map(
                                m ->
                                        new ConversationViews.Message(
                                                m.turn(),
                                                m.message().role().name().toLowerCase(Locale.ROOT),
                                                ContentJson.toJson(m.message().content()),
                                                m.createdAt().toString()))
                        .toList();
        return HttpResponse.ok(
                new ConversationViews.Conversation(
                        id,
                        conversation.title(),
                        conversation.model(),
                        conversation.system().orElse(null),
                        conversation.turns(),
                        conversation.createdAt().toString(),
                        conversation.updatedAt().toString(),
                        messages));
    }

    private HttpResponse delete(HttpRequest request) {
        String id = request.pathParam("id");
        if (!ConversationIds.isValid(id) || !store.delete(id, request.caller())) {
            throw ConversationIds.notFound(id);
        }
        return HttpResponse.noContent();
    }

    private ConversationRecord owned(String id, String caller) {
        if (!ConversationIds.isValid(id)) {
            throw ConversationIds.notFound(id);
        }
        return store.find(id, caller).orElseThrow(() -> ConversationIds.notFound(id));
    }
}
