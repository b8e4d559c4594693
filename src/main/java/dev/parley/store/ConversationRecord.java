package dev.parley.store;

import java.time.Instant;
import java.util.Optional;

/** A conversation's metadata item. {@code turns} is the number of completed turns (the write guard). */
public record ConversationRecord(
        String conversationId,
        String owner,
        String title,
        String model,
        Optional<String> system,
        int turns,
        Instant createdAt,
        Instant updatedAt) {}
