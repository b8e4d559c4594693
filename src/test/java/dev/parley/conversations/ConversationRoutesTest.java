package dev.parley.conversations;

import static dev.parley.testing.Lambda.as;
import static dev.parley.testing.Lambda.http;
import static dev.parley.testing.Lambda.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Emulator;
import dev.parley.testing.Lambda.ProxyResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
class ConversationRoutesTest {

    @Inject DynamoDbClient dynamo;

    @BeforeEach
    void reset() {
        Emulator.control().reset();
    }

    static String start(String user, String message) {
        ProxyResult result = invoke(as(user, http("POST", "/v1/chat", Map.of("message", message))));
        assertEquals(201, result.status(), result.toString());
        return result.body().path("conversationId").asText();
    }

    static ProxyResult call(String user, String method, String path, Object body) {
        return invoke(as(user, http(method, path, body)));
    }

    @Test
    void anotherCallersConversationIsInvisible() {
        String owner = "owner-" + UUID.randomUUID();
        String intruder = "intruder-" + UUID.randomUUID();
        String id = start(owner, "My private question");

        assertEquals(404, call(intruder, "GET", "/v1/conversations/" + id, null).status());
        ProxyResult continued =
                call(intruder, "POST", "/v1/chat", Map.of("conversationId", id, "message", "hi"));
        assertEquals(404, continued.status());
        assertEquals("not_found", continued.errorCode());
        assertEquals(404, call(intruder, "DELETE", "/v1/conversations/" + id, null).status());
        assertEquals(
                0,
                call(intruder, "GET", "/v1/conversations", null)
                        .body()
                        .path("conversations")
                        .size());
        ProxyResult anonymous = invoke(http("GET", "/v1/conversations/" + id, null));
        assertEquals(404, anonymous.status());

        // The owner still has it, untouched.
        JsonNode mine = call(owner, "GET", "/v1/conversations/" + id, null).body();
        assertEquals(2, mine.path("messages").size());
        assertEquals("My private question", mine.path("title").asText());
        assertEquals(
                1,
                Emulator.control().calls().size(),
                "the intruder's turn never reached the model");
    }

    @Test
    void listingIsNewestFirstAndPaginates() {
        String user = "pager-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(start(user, "Conversation " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = call(user, "GET", path, null).body();
            page.path("conversations").forEach(c -> seen.add(c.path("conversationId").asText()));
            cursor = page.path("nextCursor").asText(null);
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(
                List.of(
                        created.get(4),
                        created.get(3),
                        created.get(2),
                        created.get(1),
                        created.get(0)),
                seen);
        assertTrue(pages >= 3);
    }

    @Test
    void aCursorCannotReadAnotherCallersList() {
        String victim = "victim-" + UUID.randomUUID();
        start(victim, "one");
        start(victim, "two");
        start(victim, "three");
        String cursor =
                call(victim, "GET", "/v1/conversations?limit=1", null)
                        .body()
                        .path("nextCursor")
                        .asText();
        JsonNode stolen =
                call(
                                "thief-" + UUID.randomUUID(),
                                "GET",
                                "/v1/conversations?cursor=" + cursor,
                                null)
                        .body();
        assertEquals(0, stolen.path("conversations").size());
        ProxyResult forged = call(victim, "GET", "/v1/conversations?cursor=not-a-cursor", null);
        assertEquals(400, forged.status());
        assertEquals("validation_error", forged.errorCode());
    }

    @Test
    void updatedConversationMovesToTheTop() {
        String user = "mover-" + UUID.randomUUID();
        String older = start(user, "older");
        String newer = start(user, "newer");
        call(user, "POST", "/v1/chat", Map.of("conversationId", older, "message", "again"));
        JsonNode list = call(user, "GET", "/v1/conversations", null).body().path("conversations");
        assertEquals(older, list.get(0).path("conversationId").asText());
        assertEquals(2, list.get(0).path("turns").asInt());
        assertEquals(newer, list.get(1).path("conversationId").asText());
    }

    @Test
    void deleteRemovesTheConversationAndEveryMessage() {
        String user = "deleter-" + UUID.randomUUID();
        String id = start(user, "to be deleted");
        call(user, "POST", "/v1/chat", Map.of("conversationId", id, "message", "second"));
        assertEquals(5, itemsOf(id), "metadata and four messages");
        ProxyResult deleted = call(user, "DELETE", "/v1/conversations/" + id, null);
        assertEquals(204, deleted.status());
        assertEquals(0, itemsOf(id));
        assertEquals(404, call(user, "GET", "/v1/conversations/" + id, null).status());
        assertEquals(404, call(user, "DELETE", "/v1/conversations/" + id, null).status());
        assertEquals(
                0,
                call(user, "GET", "/v1/conversations", null).body().path("conversations").size());
    }

    @Test
    void malformedIdsAndLimits() {
        for (String bad : List.of("nope", "00000000-0000-0000-0000-00000000000Z", "%2e%2e%2f")) {
            ProxyResult result = call("m", "GET", "/v1/conversations/" + bad, null);
            assertEquals(404, result.status(), bad);
            assertEquals("not_found", result.errorCode());
        }
        ProxyResult limit = call("m", "GET", "/v1/conversations?limit=0", null);
        assertEquals(400, limit.status());
        assertTrue(limit.errorMessage().contains("limit"));
        assertEquals(400, call("m", "GET", "/v1/conversations?limit=ten", null).status());
        assertEquals(
                405,
                call("m", "POST", "/v1/conversations/" + UUID.randomUUID(), Map.of()).status());
    }

    @Test
    void storedMessagesKeepTheConverseShape() {
        String user = "shape-" + UUID.randomUUID();
        String id = start(user, "Hello");
        JsonNode messages =
                call(user, "GET", "/v1/conversations/" + id, null).body().path("messages");
        assertEquals("user", messages.get(0).path("role").asText());
        assertEquals("Hello", messages.get(0).at("/content/0/text").asText());
        assertEquals("assistant", messages.get(1).path("role").asText());
        assertFalse(messages.get(1).at("/content/0/text").asText().isBlank());
        assertNotEquals(messages.get(0).path("createdAt").asText(""), "");
        Set<String> keys = new HashSet<>();
        messages.get(0).fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(Set.of("role", "content", "createdAt")), keys.toString());
    }

    private int itemsOf(String conversationId) {
        return dynamo.query(
                        q ->
                                q.tableName("parley")
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(
                                                                "CONV#" + conversationId))))
                .count();
    }
}
