package dev.parley.store;

import java.util.List;
import java.util.Optional;

/**
 * Where conversations live. Every read and write is scoped to an owner: another owner's
 * conversation is indistinguishable from a missing one.
 */
public interface ConversationStore {

    Optional<ConversationRecord> find(String conversationId, String owner);

    /** The newest {@code limit} messages, oldest first. One bounded Query. */
    List<StoredMessage> recentMessages(String conversationId, int limit);

    /** Every stored message, oldest first. */
    List<StoredMessage> allMessages(String conversationId);

    /**
     * Stores a turn in one transaction. Throws a {@code conflict} ParleyException when another turn
     * was stored first (the conversation no longer has {@code expectedTurns}); nothing is written then.
     */
    void appendTurn(TurnWrite turn);

    /** Throws {@code payload_too_large} when a message could never be stored, so callers can refuse it up front. */
    void requireStorable(dev.parley.modelcall.ChatMessage message);

    Page<ConversationRecord> list(String owner, int limit, Optional<String> cursor);

    /** Removes the conversation and all its messages; false when the owner has no such conversation. */
    boolean delete(String conversationId, String owner);
}
