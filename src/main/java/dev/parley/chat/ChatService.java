package dev.parley.chat;

import dev.parley.bedrock.ModelCatalog;
import dev.parley.error.ParleyException;
import dev.parley.guardrails.GuardrailView;
import dev.parley.identity.Caller;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.ToolOptions;
import dev.parley.modelcall.Usage;
import dev.parley.pipeline.CallContext;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.store.ConversationRecord;
import dev.parley.store.ConversationStore;
import dev.parley.store.StoredMessage;
import dev.parley.store.TurnWrite;
import dev.parley.structured.StructuredOutput;
import dev.parley.tools.ToolCall;
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
 * answered, so a failed call leaves the conversation exactly as it was. A turn the guardrail
 * intervened in is not stored at all: its prompt may hold the very data the guardrail keeps out.
 */
@ApplicationScoped
public class ChatService {
    private final ConversationStore store;
    private final ModelCatalog catalog;
    private final ModelPipeline pipeline;
    private final StructuredOutput structured;
    private final ToolLoop toolLoop;
    private final ToolRegistry tools;
    private final ChatSettings settings;
    private final Clock clock = Clock.systemUTC();

    ChatService(
            ConversationStore store,
            ModelCatalog catalog,
            ModelPipeline pipeline,
            ToolLoop toolLoop,
            ToolRegistry tools,
            ChatSettings settings,
            StructuredOutput structured) {
        this.structured = structured;
        this.store = store;
        this.catalog = catalog;
        this.pipeline = pipeline;
        this.toolLoop = toolLoop;
        this.tools = tools;
        this.settings = settings;
    }

    /** The outcome of a turn; {@code created} is true when the turn started the conversation. */
    public record Turn(ChatReply reply, boolean created) {}

    /**
     * A turn ready for its model call: the conversation it belongs to (a new id when it starts one),
     * the messages to send (history window plus the new user message) and how to call the model.
     */
    public record PreparedTurn(
            String conversationId,
            boolean isNew,
            int expectedTurns,
            String caller,
            String title,
            ModelSpec model,
            Optional<String> system,
            InferenceSettings inference,
            ChatMessage userMessage,
            List<ChatMessage> messages,
            Optional<ToolOptions> tools,
            Optional<Integer> reasoningBudget,
            Optional<ServiceTier> serviceTier) {

        public int turn() {
            return expectedTurns + 1;
        }

        /** The pipeline's context of this turn's model calls: its tier and its conversation's id. */
        public CallContext callContext(Caller caller, String route) {
            return CallContext.of(caller, route)
                    .withServiceTier(serviceTier)
                    .forConversation(conversationId);
        }

        public ModelCall modelCall() {
            return new ModelCall(model, system, messages, inference, tools)
                    .withReasoningBudget(reasoningBudget);
        }

        /**
         * Whether this turn runs the tool loop: it offers tools, named by the request or carried over
         * from tool turns in the window. The one rule for every path (buffered, server-sent events,
         * WebSocket): a turn sent with a toolConfig must be able to run what the model calls, or the
         * stored conversation would end with a toolUse that has no toolResult.
         */
        public boolean runsTools() {
            return tools.isPresent();
        }
    }

    /** What the model produced for a turn: the messages to store after the user's, and the figures. */
    public record TurnOutcome(
            String reply,
            String reasoning,
            List<ChatMessage> messages,
            String stopReason,
            Usage usage,
            long latencyMs,
            List<ToolCall> calls,
            Optional<GuardrailOutcome> guardrail,
            String serviceTier) {

        public static TurnOutcome of(ModelReply reply) {
            return new TurnOutcome(
                    reply.text(),
                    reply.reasoning(),
                    List.of(reply.message()),
                    reply.stopReason(),
                    reply.usage(),
                    reply.latencyMs(),
                    null,
                    reply.guardrail(),
                    reply.serviceTierName());
        }

        static TurnOutcome of(ToolRun run) {
            return new TurnOutcome(
                    run.reply(),
                    run.reasoning(),
                    run.messages(),
                    run.stopReason(),
                    run.usage(),
                    run.latencyMs(),
                    run.calls(),
                    run.guardrail(),
                    run.serviceTier());
        }

        /** The guardrail intervened: the reply is its message, and the turn must not be stored. */
        public boolean blocked() {
            return guardrail.filter(GuardrailOutcome::intervened).isPresent();
        }
    }

    /** A turn for a caller named only by id (an authorizer's identity). */
    public Turn send(ChatRequest request, String caller, Instant deadline) {
        return send(request, Caller.authenticated(caller, Caller.Via.AUTHORIZER, false), deadline);
    }

    public Turn send(ChatRequest request, Caller caller, Instant deadline) {
        PreparedTurn turn = prepare(request, caller.id());
        if (request.responseFormat().isPresent() && turn.runsTools()) {
            boolean named = request.tools().filter(tools -> !tools.isEmpty()).isPresent();
            throw dev.parley.error.ParleyException.validation(
                    named
                            ? "responseFormat cannot be combined with tools (Parley runs the tools itself); send one or the other"
                            : "responseFormat cannot be used in this conversation: its earlier turns used tools, and every"
                                    + " later turn carries them over (Bedrock needs their definitions to read those turns)."
                                    + " Ask for the structured answer in a new conversation");
        }
        TurnOutcome outcome =
                turn.runsTools()
                        ? withTools(turn, caller, deadline)
                        : TurnOutcome.of(
                                request.responseFormat().isPresent()
                                        ? structured.converse(
                                                turn.callContext(caller, "chat"),
                                                turn.modelCall(),
                                                request.responseFormat().get(),
                                                "responseFormat")
                                        : pipeline.converse(
                                                turn.callContext(caller, "chat"),
                                                turn.modelCall()));
        if (outcome.blocked()) {
            return new Turn(unstored(turn, outcome), false);
        }
        return new Turn(commit(turn, outcome), turn.isNew());
    }

    /** The turn through the tool loop (the turn offers tools); nothing is stored yet. */
    public TurnOutcome withTools(PreparedTurn turn, Caller caller, Instant deadline) {
        ToolOptions options = turn.tools().orElseThrow();
        return TurnOutcome.of(
                toolLoop.run(
                        new ToolLoop.Request(
                                turn.model(),
                                turn.system(),
                                turn.messages(),
                                turn.inference(),
                                options,
                                new ToolContext(caller, deadline),
                                "chat",
                                turn.reasoningBudget(),
                                turn.serviceTier(),
                                Optional.of(turn.conversationId()))));
    }

    /**
     * The reply to a turn the guardrail intervened in. Nothing is stored, so the conversation reads
     * as if the turn had not happened (and a conversation that was about to start does not exist).
     */
    public ChatReply unstored(PreparedTurn turn, TurnOutcome outcome) {
        // No reasoning either: the model's thoughts about a blocked prompt may repeat what was
        // blocked.
        return new ChatReply(
                turn.isNew() ? null : turn.conversationId(),
                turn.expectedTurns(),
                outcome.reply(),
                null,
                turn.model().alias(),
                turn.model().modelId(),
                outcome.stopReason(),
                outcome.usage(),
                outcome.latencyMs(),
                outcome.calls(),
                GuardrailView.of(outcome.guardrail()),
                outcome.serviceTier());
    }

    /** Reads what the turn needs and validates it; writes nothing. */
    public PreparedTurn prepare(ChatRequest request, String caller) {
        Optional<ConversationRecord> existing =
                request.conversationId()
                        .map(
                                id ->
                                        store.find(id, caller)
                                                .orElseThrow(() -> ConversationIds.notFound(id)));
        if (existing.isPresent()
                && request.system().isPresent()
                && !request.system().equals(existing.get().system())) {
            throw ParleyException.validation("system can only be set when a conversation starts");
        }
        ModelSpec model =
                catalog.resolve(
                        request.model()
                                .orElse(existing.map(ConversationRecord::model).orElse(null)));
        Optional<String> system = existing.isPresent() ? existing.get().system() : request.system();
        InferenceSettings inference =
                request.inference()
                        .checkedFor(model)
                        .withDefaultMaxTokens(settings.defaultMaxTokens(), model);

        // Reasoning stays in the store (Converse shape) but is replayed only inside the tool loop
        // that
        // produced it: Bedrock requires it there and nowhere else, and other models refuse it.
        List<ChatMessage> history =
                existing.isEmpty()
                        ? List.of()
                        : store
                                .recentMessages(
                                        existing.get().conversationId(), settings.windowMessages())
                                .stream()
                                .map(StoredMessage::message)
                                .map(ChatMessage::withoutReasoning)
                                .toList();
        ChatMessage userMessage = ChatMessage.user(request.message());
        store.requireStorable(userMessage);
        List<ChatMessage> window = HistoryWindow.select(history, settings.windowChars());
        List<ChatMessage> messages = new ArrayList<>(window);
        messages.add(userMessage);

        return new PreparedTurn(
                existing.map(ConversationRecord::conversationId).orElseGet(ConversationIds::newId),
                existing.isEmpty(),
                existing.map(ConversationRecord::turns).orElse(0),
                caller,
                title(request.message()),
                model,
                system,
                inference,
                userMessage,
                messages,
                toolOptions(request, model, window),
                request.reasoningBudget(),
                request.serviceTier());
    }

    /** Stores the turn in one conditional write (409 when another turn won) and builds the reply. */
    public ChatReply commit(PreparedTurn turn, TurnOutcome outcome) {
        List<ChatMessage> turnMessages = new ArrayList<>();
        turnMessages.add(turn.userMessage());
        turnMessages.addAll(outcome.messages());
        store.appendTurn(
                new TurnWrite(
                        turn.conversationId(),
                        turn.caller(),
                        turn.isNew(),
                        turn.expectedTurns(),
                        turn.title(),
                        turn.model().alias(),
                        turn.system(),
                        turnMessages,
                        clock.instant()));
        return new ChatReply(
                turn.conversationId(),
                turn.turn(),
                outcome.reply(),
                blankToNull(outcome.reasoning()),
                turn.model().alias(),
                turn.model().modelId(),
                outcome.stopReason(),
                outcome.usage(),
                outcome.latencyMs(),
                outcome.calls(),
                null,
                outcome.serviceTier());
    }

    /**
     * Tools for this turn: the ones the request names; or, when the window replays earlier tool
     * turns, the tools those used (Bedrock requires a toolConfig whenever tool blocks are sent).
     */
    private Optional<ToolOptions> toolOptions(
            ChatRequest request, ModelSpec model, List<ChatMessage> window) {
        if (request.tools().isPresent() || request.toolChoice().isPresent()) {
            return Optional.of(tools.offer(request.tools(), request.toolChoice(), model));
        }
        Set<String> used = new LinkedHashSet<>();
        for (ChatMessage message : window) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolUse use
                        && tools.find(use.name()).isPresent()) {
                    used.add(use.name());
                }
            }
        }
        return used.isEmpty()
                ? Optional.empty()
                : Optional.of(tools.offer(Optional.of(List.copyOf(used)), Optional.empty(), model));
    }

    private static String blankToNull(String reasoning) {
        return reasoning == null || reasoning.isEmpty() ? null : reasoning;
    }

    private String title(String firstMessage) {
        String oneLine = firstMessage.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= settings.titleChars()
                ? oneLine
                : oneLine.substring(0, settings.titleChars() - 1).strip() + "…";
    }
}
