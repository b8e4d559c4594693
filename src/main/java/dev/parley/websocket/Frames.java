package dev.parley.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.bedrock.Usage;
import dev.parley.chat.ChatReply;
import dev.parley.guardrails.GuardrailView;
import dev.parley.http.ErrorResponses;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The frames posted to a WebSocket client: start, reasoning × N (reasoning models), delta × N, then end or error. */
final class Frames {
    private Frames() {
    }

    @RegisterForReflection
    record Start(String type, String conversationId, int turn, String model) {
        Start(String conversationId, int turn, String model) {
            this("start", conversationId, turn, model);
        }
    }

    @RegisterForReflection
    record Delta(String type, String text) {
        Delta(String text) {
            this("delta", text);
        }
    }

    /** The model's reasoning, sent before the answer's deltas; never part of the answer text. */
    @RegisterForReflection
    record Reasoning(String type, String text) {
        Reasoning(String text) {
            this("reasoning", text);
        }
    }

    /**
     * The last frame of a turn. When the guardrail intervened, {@code reply} is its message (which
     * replaces whatever deltas were shown) and {@code guardrail} says what it did; the turn is not stored.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record End(String type, String conversationId, int turn, String stopReason, Usage usage, long latencyMs,
            String reply, GuardrailView guardrail) {
        End(ChatReply reply) {
            this("end", reply.conversationId(), reply.turn(), reply.stopReason(), reply.usage(), reply.latencyMs(),
                    reply.guardrail() == null ? null : reply.reply(), reply.guardrail());
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, ErrorResponses.Detail error) {
        Error(ErrorResponses.Detail error) {
            this("error", error);
        }
    }
}
