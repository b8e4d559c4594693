package dev.parley.chat;

import dev.parley.bedrock.ChatMessage;
import dev.parley.bedrock.ConverseGateway;
import dev.parley.bedrock.ModelCall;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.bedrock.ModelReply;
import dev.parley.bedrock.ModelSpec;
import dev.parley.error.ParleyException;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore;
import dev.parley.store.StoredMessage;
import dev.parley.store.TurnWrite;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One chat turn: read the conversation's newest messages, call the model with the window that
 * fits, then store the user message and the reply in one conditional write. Nothing is written
 * before the model has answered, so a failed call leaves the conversation exactly as it was.
 */
@ApplicationScoped
public class ChatService {
    private final ConversationStore store;
    private final ModelCatalog catalog;
    private final ConverseGateway converse;
    private final ChatSettings settings;
    private final Clock clock = Clock.systemUTC();

    ChatService(ConversationStore store, ModelCatalog catalog, ConverseGateway converse, ChatSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.converse = converse;
        this.settings = settings;
    }

    /** The outcome of a turn; {@code created} is true when the turn started the conversation. */
    public record Turn(ChatReply reply, boolean created) {
    }

    public Turn send(ChatRequest request, String caller) {
        Optional<ConversationRecord> existing = request.conversationId()
                .map(id -> store.find(id, caller).orElseThrow(() -> notFound(id)));
        if (existing.isPresent() && request.system().isPresent()
                && !request.system().equals(existing.get().system())) {
            throw ParleyException.validation("system can only be set when a conversation starts");
        }
        ModelSpec model = catalog.resolve(request.model().orElse(existing.map(ConversationRecord::model).orElse(null)));
        Optional<String> system = existing.isPresent() ? existing.get().system() : request.system();

        List<ChatMessage> history = existing.isEmpty() ? List.of()
                : store.recentMessages(existing.get().conversationId(), settings.windowMessages()).stream()
                        .map(StoredMessage::message).toList();
        ChatMessage userMessage = ChatMessage.user(request.message());
        store.requireStorable(userMessage);
        List<ChatMessage> messages = new ArrayList<>(HistoryWindow.select(history, settings.windowChars()));
        messages.add(userMessage);

        ModelReply reply = converse.converse(new ModelCall(model, system, messages,
                request.inference().checkedFor(model).withDefaultMaxTokens(settings.defaultMaxTokens(), model)));

        String id = existing.map(ConversationRecord::conversationId).orElseGet(ConversationIds::newId);
        int expectedTurns = existing.map(ConversationRecord::turns).orElse(0);
        TurnWrite write = new TurnWrite(id, caller, existing.isEmpty(), expectedTurns, title(request.message()),
                model.alias(), system, List.of(userMessage, reply.message()), clock.instant());
        store.appendTurn(write);
        return new Turn(new ChatReply(id, write.turn(), reply.text(), model.alias(), model.modelId(), reply.stopReason(),
                reply.usage(), reply.latencyMs()), existing.isEmpty());
    }

    private String title(String firstMessage) {
        String oneLine = firstMessage.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= settings.titleChars() ? oneLine
                : oneLine.substring(0, settings.titleChars() - 1).strip() + "…";
    }

    static ParleyException notFound(String conversationId) {
        return ParleyException.notFound("conversation " + conversationId + " does not exist");
    }
}
