package dev.parley.store;

/**
 * The single-table layout shared by conversations (and later documents). Defined once here;
 * template.yaml and the local stack create the same keys.
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
public final class ConversationTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "byOwner";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "ttl";

    static final String META = "META";
    static final String MESSAGE_PREFIX = "MSG#";

    private ConversationTable() {
    }

    static String conversationKey(String conversationId) {
        return "CONV#" + conversationId;
    }

    static String ownerKey(String owner) {
        return "OWNER#" + owner;
    }

    static String messageKey(int turn, int seq) {
        return MESSAGE_PREFIX + String.format("%08d#%02d", turn, seq);
    }
}
