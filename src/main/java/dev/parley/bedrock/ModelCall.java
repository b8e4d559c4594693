package dev.parley.bedrock;

import java.util.List;
import java.util.Optional;

/** Everything one Converse call needs, in Parley's terms. */
public record ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference,
        Optional<ToolOptions> tools) {

    public ModelCall {
        messages = List.copyOf(messages);
    }

    /** A call without tools. */
    public ModelCall(ModelSpec model, Optional<String> system, List<ChatMessage> messages, InferenceSettings inference) {
        this(model, system, messages, inference, Optional.empty());
    }
}
