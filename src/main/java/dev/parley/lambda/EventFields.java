package dev.parley.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading untrusted event fields: only values of the expected type count, anything else is absent. */
final class EventFields {
    private static final int MAX_REQUEST_ID_CHARS = 128;

    private EventFields() {}

    /** A non-blank string field, or null for anything else (missing, a number, an object, ...). */
    static String text(JsonNode node) {
        return node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** API Gateway's request id, else the invocation's; never an odd value that would garble logs. */
    static String requestId(JsonNode context, Invocation invocation) {
        String id = text(context.path("requestId"));
        return id == null
                        || id.length() > MAX_REQUEST_ID_CHARS
                        || id.chars().anyMatch(Character::isISOControl)
                ? invocation.requestId()
                : id;
    }
}
