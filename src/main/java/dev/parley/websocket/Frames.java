package dev.parley.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.bedrock.Usage;
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

    @RegisterForReflection
    record End(String type, String conversationId, int turn, String stopReason, Usage usage, long latencyMs) {
        End(String conversationId, int turn, String stopReason, Usage usage, long latencyMs) {
            this("end", conversationId, turn, stopReason, usage, latencyMs);
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
