package dev.parley.documents;

import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.error.ParleyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The documents listing cursor: the last item's table and index keys, base64url-encoded. The
 * owner is never read from it but taken from the caller, so a cursor can only page through the
 * caller's own documents, whatever a client puts in it.
 */
final class DocumentCursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTING_KEY = Pattern.compile("[0-9T:.\\-Z]+#[0-9a-f]{16}");

    /** S3 keys are at most 1024 bytes, so a real cursor is far below this. */
    private static final int MAX_CHARS = 4096;

    private DocumentCursor() {}

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        String json =
                JSON.createObjectNode()
                        .put("t", lastEvaluatedKey.get(GSI1_SK).s())
                        .put("p", lastEvaluatedKey.get(PK).s())
                        .put("s", lastEvaluatedKey.get(SK).s())
                        .toString();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String owner) {
        if (cursor.length() > MAX_CHARS) {
            throw invalid();
        }
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (node == null
                || !node.path("t").isTextual()
                || !node.path("p").isTextual()
                || !node.path("s").isTextual()) {
            throw invalid();
        }
        String listingKey = node.get("t").textValue();
        String pk = node.get("p").textValue();
        String sk = node.get("s").textValue();
        if (!LISTING_KEY.matcher(listingKey).matches()
                || !pk.startsWith(DocumentTable.DOCUMENT_PREFIX)
                || !sk.startsWith(DocumentTable.VERSION_PREFIX)) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(GSI1_PK, AttributeValue.fromS(DocumentTable.ownerKey(owner)));
        key.put(GSI1_SK, AttributeValue.fromS(listingKey));
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    private static ParleyException invalid() {
        return ParleyException.validation("cursor is not a cursor returned by this listing");
    }
}
