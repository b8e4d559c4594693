package dev.parley.store;

import static dev.parley.store.ConversationTable.MESSAGE_PREFIX;
import static dev.parley.store.ConversationTable.META;
import static dev.parley.store.ConversationTable.conversationKey;
import static dev.parley.store.ConversationTable.messageKey;
import static dev.parley.store.ConversationTable.ownerKey;
import static dev.parley.table.SingleTable.GSI1;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentJson;
import dev.parley.table.PagedQuery;
import dev.parley.table.SingleTable;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The conversation store on DynamoDB (layout in {@link ConversationTable}). A turn is one
 * transaction guarded by the conversation's turn count, so concurrent turns cannot interleave:
 * exactly one wins and the others change nothing.
 */
@ApplicationScoped
public class DynamoConversationStore implements ConversationStore {
    private static final Logger LOG = Logger.getLogger(DynamoConversationStore.class);
    private final DynamoDbClient dynamo;
    private final StoreSettings settings;
    private final TableSettings table;

    DynamoConversationStore(DynamoDbClient dynamo, StoreSettings settings, TableSettings table) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.table = table;
    }

    @Override
    public Optional<ConversationRecord> find(String conversationId, String owner) {
        Map<String, AttributeValue> item;
        try {
            item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(table())
                                                    .consistentRead(true)
                                                    .key(
                                                            key(
                                                                    conversationKey(conversationId),
                                                                    META)))
                            .item();
        } catch (SdkException e) {
            throw TableErrors.translate(e, "read the conversation");
        }
        if (item == null || item.isEmpty() || !owner.equals(s(item, "owner")) || isExpired(item)) {
            return Optional.empty();
        }
        return Optional.of(record(item));
    }

    @Override
    public List<StoredMessage> recentMessages(String conversationId, int limit) {
        QueryResponse response =
                query(
                        messagesQuery(conversationId).scanIndexForward(false).limit(limit).build(),
                        "read the conversation's messages");
        List<StoredMessage> newestFirst =
                response.items().stream()
                        .filter(item -> !isExpired(item))
                        .map(this::message)
                        .toList();
        List<StoredMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public List<StoredMessage> allMessages(String conversationId) {
        List<StoredMessage> messages = new ArrayList<>();
        PagedQuery.readAll(
                dynamo,
                messagesQuery(conversationId).build(),
                "read the conversation's messages",
                item -> {
                    if (!isExpired(item)) {
                        messages.add(message(item));
                    }
                });
        return messages;
    }

    @Override
    public void appendTurn(TurnWrite turn) {
        String pk = conversationKey(turn.conversationId());
        long ttl = turn.at().plus(settings.retention()).getEpochSecond();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                turn.isNew()
                        ? createConversation(turn, pk, ttl)
                        : advanceConversation(turn, pk, ttl));
        for (int seq = 0; seq < turn.messages().size(); seq++) {
            Map<String, AttributeValue> item =
                    messageItem(pk, turn.turn(), seq, turn.messages().get(seq), turn.at(), ttl);
            writes.add(
                    TransactWriteItem.builder()
                            .put(
                                    Put.builder()
                                            .tableName(table())
                                            .item(item)
                                            .conditionExpression("attribute_not_exists(pk)")
                                            .build())
                            .build());
        }
        try {
            dynamo.transactWriteItems(tx -> tx.transactItems(writes));
        } catch (SdkException e) {
            throw TableErrors.translate(e, "store the turn");
        }
    }

    @Override
    public void requireStorable(ChatMessage message) {
        storableContent(message);
    }

    /** A message that cannot fit in one DynamoDB item is refused (413) before anything is written. */
    private String storableContent(ChatMessage message) {
        String content = ContentJson.toJsonString(message.content());
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxItemBytes()) {
            throw ParleyException.tooLarge(
                    "a "
                            + message.role().name().toLowerCase()
                            + " message of "
                            + bytes
                            + " bytes cannot be stored; the limit is "
                            + settings.maxItemBytes()
                            + " bytes");
        }
        return content;
    }

    private Map<String, AttributeValue> messageItem(
            String pk, int turn, int seq, ChatMessage message, Instant at, long ttl) {
        String content = storableContent(message);
        Map<String, AttributeValue> item = key(pk, messageKey(turn, seq));
        item.put("role", AttributeValue.fromS(message.role().name().toLowerCase()));
        item.put("content", AttributeValue.fromS(content));
        item.put("createdAt", AttributeValue.fromS(at.toString()));
        item.put(TTL, AttributeValue.fromN(Long.toString(ttl)));
        return item;
    }

    private TransactWriteItem createConversation(TurnWrite turn, String pk, long ttl) {
        Map<String, AttributeValue> item = key(pk, META);
        item.put("owner", AttributeValue.fromS(turn.owner()));
        item.put("title", AttributeValue.fromS(turn.title()));
        item.put("model", AttributeValue.fromS(turn.model()));
        turn.system().ifPresent(system -> item.put("system", AttributeValue.fromS(system)));
        item.put("turns", AttributeValue.fromN("1"));
        item.put("createdAt", AttributeValue.fromS(turn.at().toString()));
        item.put("updatedAt", AttributeValue.fromS(turn.at().toString()));
        item.put(TTL, AttributeValue.fromN(Long.toString(ttl)));
        item.put(GSI1_PK, AttributeValue.fromS(ownerKey(turn.owner())));
        item.put(GSI1_SK, AttributeValue.fromS(turn.at() + "#" + turn.conversationId()));
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(table())
                                .item(item)
                                .conditionExpression("attribute_not_exists(pk)")
                                .build())
                .build();
    }

    private TransactWriteItem advanceConversation(TurnWrite turn, String pk, long ttl) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expected", AttributeValue.fromN(Integer.toString(turn.expectedTurns())));
        values.put(":next", AttributeValue.fromN(Integer.toString(turn.turn())));
        values.put(":owner", AttributeValue.fromS(turn.owner()));
        values.put(":model", AttributeValue.fromS(turn.model()));
        values.put(":at", AttributeValue.fromS(turn.at().toString()));
        values.put(":ttl", AttributeValue.fromN(Long.toString(ttl)));
        values.put(":sortKey", AttributeValue.fromS(turn.at() + "#" + turn.conversationId()));
        return TransactWriteItem.builder()
                .update(
                        Update.builder()
                                .tableName(table())
                                .key(key(pk, META))
                                .updateExpression(
                                        "SET turns = :next, model = :model, updatedAt = :at, #ttl = :ttl, gsi1sk = :sortKey")
                                .conditionExpression("#owner = :owner AND turns = :expected")
                                .expressionAttributeNames(Map.of("#ttl", TTL, "#owner", "owner"))
                                .expressionAttributeValues(values)
                                .build())
                .build();
    }

    @Override
    public Page<ConversationRecord> list(String owner, int limit, Optional<String> cursor) {
        QueryRequest.Builder request =
                QueryRequest.builder()
                        .tableName(table())
                        .indexName(GSI1)
                        .keyConditionExpression("gsi1pk = :owner")
                        .expressionAttributeValues(
                                Map.of(":owner", AttributeValue.fromS(ownerKey(owner))))
                        .scanIndexForward(false)
                        .limit(limit);
        cursor.map(c -> ListCursor.decode(c, owner)).ifPresent(request::exclusiveStartKey);
        QueryResponse response = query(request.build(), "list conversations");
        List<ConversationRecord> items =
                response.items().stream()
                        .filter(item -> !isExpired(item))
                        .map(this::record)
                        .toList();
        Optional<String> next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(ListCursor.encode(response.lastEvaluatedKey()))
                        : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public boolean delete(String conversationId, String owner) {
        String pk = conversationKey(conversationId);
        try {
            // The metadata goes first and only if the caller owns it, so the conversation
            // disappears at once; leftover messages of an interrupted delete expire by TTL.
            dynamo.transactWriteItems(
                    tx ->
                            tx.transactItems(
                                    TransactWriteItem.builder()
                                            .delete(
                                                    Delete.builder()
                                                            .tableName(table())
                                                            .key(key(pk, META))
                                                            .conditionExpression("#owner = :owner")
                                                            .expressionAttributeNames(
                                                                    Map.of("#owner", "owner"))
                                                            .expressionAttributeValues(
                                                                    Map.of(
                                                                            ":owner",
                                                                            AttributeValue.fromS(
                                                                                    owner)))
                                                            .build())
                                            .build()));
        } catch (SdkException e) {
            ParleyException translated = TableErrors.translate(e, "delete the conversation");
            if (translated.code() == dev.parley.error.ErrorCode.CONFLICT) {
                return false;
            }
            throw translated;
        }
        try {
            deleteMessages(pk);
        } catch (ParleyException e) {
            // The conversation is already gone for every reader: answering 503 now would make a
            // retried DELETE answer 404. What is left expires by TTL.
            LOG.warnf(
                    "conversation %s deleted; its messages were not (%s) and expire by TTL",
                    conversationId, e.getMessage());
        }
        return true;
    }

    private void deleteMessages(String pk) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        PagedQuery.readAll(
                dynamo,
                messagesQuery(ConversationTable.conversationId(pk))
                        .projectionExpression("pk, sk")
                        .build(),
                "delete the conversation's messages",
                item -> keys.add(key(s(item, PK), s(item, SK))));
        BatchDeleter.deleteAll(dynamo, table(), keys);
    }

    private QueryRequest.Builder messagesQuery(String conversationId) {
        return QueryRequest.builder()
                .tableName(table())
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(
                        Map.of(
                                ":pk", AttributeValue.fromS(conversationKey(conversationId)),
                                ":prefix", AttributeValue.fromS(MESSAGE_PREFIX)));
    }

    private QueryResponse query(QueryRequest request, String what) {
        return PagedQuery.query(dynamo, request, what);
    }

    private ConversationRecord record(Map<String, AttributeValue> item) {
        String id = ConversationTable.conversationId(s(item, PK));
        return new ConversationRecord(
                id,
                s(item, "owner"),
                s(item, "title"),
                s(item, "model"),
                Optional.ofNullable(s(item, "system")),
                Integer.parseInt(item.get("turns").n()),
                Instant.parse(s(item, "createdAt")),
                Instant.parse(s(item, "updatedAt")));
    }

    private StoredMessage message(Map<String, AttributeValue> item) {
        String[] parts = s(item, SK).split("#");
        ChatMessage.Role role =
                "user".equals(s(item, "role")) ? ChatMessage.Role.USER : ChatMessage.Role.ASSISTANT;
        return new StoredMessage(
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                new ChatMessage(role, ContentJson.fromJsonString(s(item, "content"))),
                Instant.parse(s(item, "createdAt")));
    }

    private static boolean isExpired(Map<String, AttributeValue> item) {
        return SingleTable.isExpired(item);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return SingleTable.key(pk, sk);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private String table() {
        return table.tableName();
    }
}
