package dev.parley.store;

import static dev.parley.store.ConversationTable.META;
import static dev.parley.store.ConversationTable.conversationKey;
import static dev.parley.store.ConversationTable.ownerKey;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;

import dev.parley.error.ParleyException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listing cursor: only the index sort key of the last item ({@code updatedAt#id}),
 * base64url-encoded. The owner is never read from it but taken from the caller, so a cursor can
 * only page through the caller's own conversations, whatever a client puts in it.
 */
final class ListCursor {
    private static final Pattern SORT_KEY = Pattern.compile("[0-9T:.\\-Z]+#[0-9a-f\\-]{36}");

    private ListCursor() {}

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        String sortKey = lastEvaluatedKey.get(GSI1_SK).s();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String owner) {
        String sortKey;
        try {
            sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!SORT_KEY.matcher(sortKey).matches()) {
            throw invalid();
        }
        String conversationId = sortKey.substring(sortKey.lastIndexOf('#') + 1);
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(GSI1_PK, AttributeValue.fromS(ownerKey(owner)));
        key.put(GSI1_SK, AttributeValue.fromS(sortKey));
        key.put(PK, AttributeValue.fromS(conversationKey(conversationId)));
        key.put(SK, AttributeValue.fromS(META));
        return key;
    }

    private static ParleyException invalid() {
        return ParleyException.validation("cursor is not a cursor returned by this listing");
    }
}
