package dev.parley.store;

import dev.parley.modelcall.ChatMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One completed turn to store atomically: its messages, and the conversation as it must look for
 * the write to be accepted ({@code expectedTurns}: 0 and {@code isNew} for a new conversation).
 */
public record TurnWrite(
        String conversationId,
        String owner,
        boolean isNew,
        int expectedTurns,
        String title,
        String model,
        Optional<String> system,
        List<ChatMessage> messages,
        Instant at) {

    public TurnWrite {
        messages = List.copyOf(messages);
    }

    public int turn() {
        return expectedTurns + 1;
    }
}
