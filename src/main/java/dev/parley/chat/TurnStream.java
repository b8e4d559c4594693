package dev.parley.chat;

import dev.parley.identity.Caller;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.StreamListener;
import dev.parley.pipeline.ModelPipeline;
import dev.parley.tools.ToolCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * One chat turn as it is produced, stored exactly as {@code POST /v1/chat} stores it (a turn the
 * guardrail intervened in is not stored; a failed model call stores nothing): the one core of the
 * WebSocket {@code chat} action and of {@code POST /v1/chat} as server-sent events, which differ
 * only in how they send what {@link Events} receives. A turn that offers tools runs the tool loop,
 * which is not streamed: its calls and then its reply arrive when the loop is done.
 */
@ApplicationScoped
public class TurnStream {
    /** Time kept back from the deadline to store the turn and send the last events. */
    public static final Duration STORE_MARGIN = Duration.ofSeconds(3);

    /** What a streamed turn produces, in order: start, then reasoning/text (or tool calls), then the caller's end. */
    public interface Events extends StreamListener {
        /** The turn is prepared (history read, request valid); nothing is stored yet. */
        void start(ChatService.PreparedTurn turn);

        /** A tool call of a turn that offered tools. */
        default void tool(ToolCall call) {}
    }

    private final ChatService chat;
    private final ModelPipeline pipeline;

    TurnStream(ChatService chat, ModelPipeline pipeline) {
        this.chat = chat;
        this.pipeline = pipeline;
    }

    /**
     * Runs the turn and stores it; returns the reply the end event carries.
     *
     * @param route the pipeline's route name for the call ({@code stream} for the WebSocket, as before)
     */
    public ChatReply run(
            ChatRequest request, Caller caller, String route, Instant deadline, Events events) {
        ChatService.PreparedTurn turn = chat.prepare(request, caller.id());
        events.start(turn);
        ChatService.TurnOutcome outcome;
        if (turn.runsTools()) {
            outcome = chat.withTools(turn, caller, deadline.minus(STORE_MARGIN));
            if (outcome.calls() != null) {
                outcome.calls().forEach(events::tool);
            }
            if (outcome.reasoning() != null && !outcome.reasoning().isEmpty()) {
                events.reasoning(outcome.reasoning());
            }
            events.text(outcome.reply());
        } else {
            Duration budget = Duration.between(Instant.now(), deadline).minus(STORE_MARGIN);
            ModelReply reply =
                    pipeline.stream(
                            turn.callContext(caller, route), turn.modelCall(), events, budget);
            outcome = ChatService.TurnOutcome.of(reply);
        }
        // A turn the guardrail intervened in is not stored, exactly as on POST /v1/chat.
        return outcome.blocked() ? chat.unstored(turn, outcome) : chat.commit(turn, outcome);
    }
}
