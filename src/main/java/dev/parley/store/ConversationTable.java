package dev.parley.store;

import dev.parley.table.KeyPrefix;

/**
 * Where conversations live in the single table (table/SingleTable names the shared attributes,
 * table/KeyPrefix registers the prefixes):
 *
 * <pre>
 * pk                 sk                     what
 * CONV#{id}          META                   owner, title, model, system, turns, createdAt, updatedAt, ttl,
 *                                           gsi1pk = OWNER#{owner}, gsi1sk = {updatedAt}#{id}
 * CONV#{id}          MSG#{turn:08}#{seq:02}  role, content (Converse JSON), createdAt, ttl
 * </pre>
 *
 * One Query on {@code pk} reads a conversation's newest messages; one Query on the {@code byOwner}
 * index lists a caller's conversations newest first.
 */
final class ConversationTable {
    static final String META = KeyPrefix.CONVERSATION_META.text();
    static final String MESSAGE_PREFIX = KeyPrefix.MESSAGE.text();

    private ConversationTable() {}

    static String conversationKey(String conversationId) {
        return KeyPrefix.CONVERSATION.key(conversationId);
    }

    static String conversationId(String conversationKey) {
        return KeyPrefix.CONVERSATION.strip(conversationKey);
    }

    static String ownerKey(String owner) {
        return KeyPrefix.CONVERSATION_OWNER.key(owner);
    }

    static String messageKey(int turn, int seq) {
        return KeyPrefix.MESSAGE.key(String.format("%08d#%02d", turn, seq));
    }
}
