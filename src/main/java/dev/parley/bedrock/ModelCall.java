package dev.parley.bedrock;

import java.util.List;
import java.util.Optional;

/** Everything one Converse call needs, in Parley's terms. */
public record ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference) {

    public ModelCall {
        messages = List.copyOf(messages);
    }
}
