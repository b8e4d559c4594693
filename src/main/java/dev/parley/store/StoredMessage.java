package dev.parley.store;

import dev.parley.modelcall.ChatMessage;
import java.time.Instant;

/** One message of a turn: {@code seq} 0 is the user's message, the last one the final reply. */
public record StoredMessage(int turn, int seq, ChatMessage message, Instant createdAt) {}
