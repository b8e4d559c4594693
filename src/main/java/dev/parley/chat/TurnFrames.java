package dev.parley.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.ErrorResponses;
import dev.parley.modelcall.Usage;
import dev.parley.tools.ToolCall;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A chat turn's frames, owned by the chat feature: start, reasoning × N (reasoning models), delta × N,
 * then end or error. The WebSocket posts them to its client ({@code websocket/FrameStream});
 * {@code POST /v1/chat} as server-sent events sends the same frames as its events' data
 * ({@link ChatEventStream}), plus {@link Tool} for a turn that offers tools.
 */
public final class TurnFrames {
    private TurnFrames() {}

    @RegisterForReflection
    public record Start(String type, String conversationId, int turn, String model) {
        public Start(String conversationId, int turn, String model) {
            this("start", conversationId, turn, model);
        }
    }

    @RegisterForReflection
    public record Delta(String type, String text) {
        public Delta(String text) {
            this("delta", text);
        }
    }

    /** The model's reasoning, sent before the answer's deltas; never part of the answer text. */
    @RegisterForReflection
    public record Reasoning(String type, String text) {
        public Reasoning(String text) {
            this("reasoning", text);
        }
    }

    /**
     * The last frame of a turn. When the guardrail intervened, {@code reply} is its message (which
     * replaces whatever deltas were shown) and {@code guardrail} says what it did; the turn is not stored.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record End(
            String type,
            String conversationId,
            int turn,
            String stopReason,
            Usage usage,
            long latencyMs,
            String reply,
            GuardrailView guardrail,
            String serviceTier) {
        public End(ChatReply reply) {
            this(
                    "end",
                    reply.conversationId(),
                    reply.turn(),
                    reply.stopReason(),
                    reply.usage(),
                    reply.latencyMs(),
                    reply.guardrail() == null ? null : reply.reply(),
                    reply.guardrail(),
                    reply.serviceTier());
        }
    }

    /**
     * A tool call of a turn that offered tools: named on POST /v1/chat as server-sent events, or carried
     * over from earlier tool turns (the WebSocket refuses tools in the message itself).
     */
    @RegisterForReflection
    public record Tool(String type, ToolCall call) {
        public Tool(ToolCall call) {
            this("tool", call);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, ErrorResponses.Detail error) {
        public Error(ErrorResponses.Detail error) {
            this("error", error);
        }
    }
}
