package dev.parley.chat;

import dev.parley.bedrock.ChatMessage;
import dev.parley.bedrock.ContentBlock;
import dev.parley.bedrock.ConverseGateway;
import dev.parley.bedrock.InferenceSettings;
import dev.parley.bedrock.ModelCall;
import dev.parley.bedrock.ModelCatalog;
import dev.parley.bedrock.ModelReply;
import dev.parley.bedrock.ModelSpec;
import dev.parley.bedrock.ToolOptions;
import dev.parley.error.ParleyException;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore;
import dev.parley.store.StoredMessage;
import dev.parley.store.TurnWrite;
import dev.parley.tools.ToolContext;
import dev.parley.tools.ToolLoop;
import dev.parley.tools.ToolRegistry;
import dev.parley.tools.ToolRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One chat turn: read the conversation's newest messages, call the model (through the tool loop
 * when tools are in play) with the window that fits, then store the user message and every
 * message the turn produced in one conditional write. Nothing is written before the model has
 * answered, so a failed call leaves the conversation exactly as it was.
 */
@ApplicationScoped
public class ChatService {
    private final ConversationStore store;
    private final ModelCatalog catalog;
    private final ConverseGateway converse;
    private final ToolLoop toolLoop;
    private final ToolRegistry tools;
    private final ChatSettings settings;
    private final Clock clock = Clock.systemUTC();

    ChatService(ConversationStore store, ModelCatalog catalog, ConverseGateway converse, ToolLoop toolLoop,
            ToolRegistry tools, ChatSettings settings) {
        this.store = store;
        this.catalog = catalog;
        this.converse = converse;
        this.toolLoop = toolLoop;
        this.tools = tools;
        this.settings = settings;
    }

    /** The outcome of a turn; {@code created} is true when the turn started the conversation. */
    public record Turn(ChatReply reply, boolean created) {
    }

    public Turn send(ChatRequest request, String caller) {
        return send(request, caller, Instant.now().plusSeconds(25));
    }

    public Turn send(ChatRequest request, String caller, Instant deadline) {
        Optional<ConversationRecord> existing = request.conversationId()
                .map(id -> store.find(id, caller).orElseThrow(() -> notFound(id)));
        if (existing.isPresent() && request.system().isPresent()
                && !request.system().equals(existing.get().system())) {
            throw ParleyException.validation("system can only be set when a conversation starts");
        }
        ModelSpec model = catalog.resolve(request.model().orElse(existing.map(ConversationRecord::model).orElse(null)));
        Optional<String> system = existing.isPresent() ? existing.get().system() : request.system();
        InferenceSettings inference = request.inference().checkedFor(model)
                .withDefaultMaxTokens(settings.defaultMaxTokens(), model);

        List<ChatMessage> history = existing.isEmpty() ? List.of()
                : store.recentMessages(existing.get().conversationId(), settings.windowMessages()).stream()
                        .map(StoredMessage::message).toList();
        ChatMessage userMessage = ChatMessage.user(request.message());
        store.requireStorable(userMessage);
        List<ChatMessage> window = HistoryWindow.select(history, settings.windowChars());
        List<ChatMessage> messages = new ArrayList<>(window);
        messages.add(userMessage);

        Optional<ToolOptions> toolOptions = toolOptions(request, model, window);
        Outcome outcome = toolOptions
                .map(options -> fromToolRun(toolLoop.run(new ToolLoop.Request(model, system, messages, inference, options,
                        new ToolContext(caller, deadline)))))
                .orElseGet(() -> fromReply(converse.converse(new ModelCall(model, system, messages, inference))));

        String id = existing.map(ConversationRecord::conversationId).orElseGet(ConversationIds::newId);
        int expectedTurns = existing.map(ConversationRecord::turns).orElse(0);
        List<ChatMessage> turnMessages = new ArrayList<>();
        turnMessages.add(userMessage);
        turnMessages.addAll(outcome.messages());
        TurnWrite write = new TurnWrite(id, caller, existing.isEmpty(), expectedTurns, title(request.message()),
                model.alias(), system, turnMessages, clock.instant());
        store.appendTurn(write);
        return new Turn(new ChatReply(id, write.turn(), outcome.reply(), model.alias(), model.modelId(),
                outcome.stopReason(), outcome.usage(), outcome.latencyMs(), outcome.calls()), existing.isEmpty());
    }

    /**
     * Tools for this turn: the ones the request names; or, when the window replays earlier tool
     * turns, the tools those used (Bedrock requires a toolConfig whenever tool blocks are sent).
     */
    private Optional<ToolOptions> toolOptions(ChatRequest request, ModelSpec model, List<ChatMessage> window) {
        if (request.tools().isPresent() || request.toolChoice().isPresent()) {
            return Optional.of(tools.offer(request.tools(), request.toolChoice(), model));
        }
        Set<String> used = new LinkedHashSet<>();
        for (ChatMessage message : window) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolUse use && tools.find(use.name()).isPresent()) {
                    used.add(use.name());
                }
            }
        }
        return used.isEmpty() ? Optional.empty()
                : Optional.of(tools.offer(Optional.of(List.copyOf(used)), Optional.empty(), model));
    }

    private record Outcome(String reply, List<ChatMessage> messages, String stopReason, dev.parley.bedrock.Usage usage,
            long latencyMs, List<dev.parley.tools.ToolCall> calls) {
    }

    private static Outcome fromReply(ModelReply reply) {
        return new Outcome(reply.text(), List.of(reply.message()), reply.stopReason(), reply.usage(), reply.latencyMs(),
                null);
    }

    private static Outcome fromToolRun(ToolRun run) {
        return new Outcome(run.reply(), run.messages(), run.stopReason(), run.usage(), run.latencyMs(), run.calls());
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
