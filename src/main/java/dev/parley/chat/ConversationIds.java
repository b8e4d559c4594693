package dev.parley.chat;

import dev.parley.error.ParleyException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Conversation ids are random UUIDs: unguessable, and cheap to reject when malformed. */
public final class ConversationIds {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ConversationIds() {}

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }

    /** Missing and someone else's look the same: ids reveal nothing. */
    public static ParleyException notFound(String conversationId) {
        return ParleyException.notFound("conversation " + conversationId + " does not exist");
    }

    static void requireValid(String id, String field) {
        if (!isValid(id)) {
            throw ParleyException.validation(
                    field + " must be a conversation id returned by Parley (a lower-case UUID)");
        }
    }
}
