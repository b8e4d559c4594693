package dev.parley.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The JSON shapes of the conversation routes. */
final class ConversationViews {
    private ConversationViews() {}

    @RegisterForReflection
    record Summary(
            String conversationId,
            String title,
            String model,
            int turns,
            String createdAt,
            String updatedAt) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<Summary> conversations, String nextCursor) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Conversation(
            String conversationId,
            String title,
            String model,
            String system,
            int turns,
            String createdAt,
            String updatedAt,
            List<Message> messages) {}

    /** {@code content} is the Converse API's content block list, exactly as stored. */
    @RegisterForReflection
    record Message(int turn, String role, JsonNode content, String createdAt) {}
}
