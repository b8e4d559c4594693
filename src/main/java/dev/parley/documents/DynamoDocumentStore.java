package dev.parley.documents;

import static dev.parley.documents.DocumentTable.*;
import static dev.parley.table.SingleTable.GSI1;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;
import static dev.parley.table.SingleTable.PK;
import static dev.parley.table.SingleTable.SK;
import static dev.parley.table.SingleTable.TTL;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.Usage;
import dev.parley.store.Page;
import dev.parley.store.StoreSettings;
import dev.parley.table.PagedQuery;
import dev.parley.table.SingleTable;
import dev.parley.table.TableErrors;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Document records on DynamoDB (layout in {@link DocumentTable}). The claim is one conditional
 * update, so of any number of concurrent deliveries of a version exactly one wins it; finishing is
 * conditioned on still holding the claim, so an attempt that outlived its claim cannot overwrite
 * the attempt that took over.
 */
@ApplicationScoped
class DynamoDocumentStore implements DocumentStore {
    /** Error messages are for people; a model's or SDK's long message is cut to keep items small. */
    private static final int MAX_ERROR_CHARS = 1000;

    private final DynamoDbClient dynamo;
    private final StoreSettings settings;
    private final TableSettings table;

    DynamoDocumentStore(DynamoDbClient dynamo, StoreSettings settings, TableSettings table) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.table = table;
    }

    @Override
    public ClaimState claim(Claim claim) {
        ObjectRef ref = claim.ref();
        Expressions x =
                new Expressions()
                        .set(STATUS, DocumentRecord.Status.PENDING.wireName())
                        .set(CLAIM_ID, claim.claimId())
                        .set(CLAIM_EXPIRES_AT, claim.expiresAt().toEpochMilli())
                        .increment(ATTEMPTS)
                        .set(OWNER, claim.owner())
                        .set(BUCKET, ref.bucket())
                        .set(OBJECT_KEY, ref.key())
                        .setIfAbsent(UPLOADED_AT, ref.eventTime().orElse(claim.at()).toString())
                        .setIfAbsent(CREATED_AT, claim.at().toString())
                        .remove(ERROR_CODE, ERROR_MESSAGE, RETRYABLE);
        ref.versionId().ifPresent(v -> x.set(VERSION_ID, v));
        ref.eTag().ifPresent(e -> x.set(ETAG, e));
        touch(x, claim, claim.at());
        String condition =
                "attribute_not_exists("
                        + x.name(PK)
                        + ")"
                        + " OR ("
                        + x.name(STATUS)
                        + " = "
                        + x.value(AttributeValue.fromS("pending"))
                        + " AND "
                        + x.name(CLAIM_EXPIRES_AT)
                        + " < "
                        + x.value(millis(claim.at()))
                        + ")"
                        + " OR ("
                        + x.name(STATUS)
                        + " = "
                        + x.value(AttributeValue.fromS("failed"))
                        + " AND "
                        + x.name(RETRYABLE)
                        + " = "
                        + x.value(AttributeValue.fromBool(true))
                        + ")";
        try {
            dynamo.updateItem(
                    update ->
                            update.tableName(table())
                                    .key(key(claim))
                                    .updateExpression(x.update())
                                    .conditionExpression(condition)
                                    .expressionAttributeNames(x.names())
                                    .expressionAttributeValues(x.values())
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return ClaimState.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = taken.hasItem() ? taken.item() : read(claim);
            return switch (s(item, STATUS) == null ? "pending" : s(item, STATUS)) {
                case "done" -> ClaimState.DONE;
                case "failed" -> ClaimState.FAILED;
                default -> ClaimState.IN_PROGRESS;
            };
        } catch (SdkException e) {
            throw TableErrors.translate(e, "claim " + ref.uri());
        }
    }

    @Override
    public boolean renew(Claim claim, Instant expiresAt) {
        Expressions x = new Expressions().set(CLAIM_EXPIRES_AT, expiresAt.toEpochMilli());
        return finish(claim, x, "renew the claim on ");
    }

    @Override
    public boolean complete(Claim claim, SummaryResult summary, String outputKey, Instant at) {
        Expressions x =
                new Expressions()
                        .set(STATUS, DocumentRecord.Status.DONE.wireName())
                        .set(SUMMARY, summary.summary())
                        .set(MODEL, summary.model().alias())
                        .set(MODEL_ID, summary.model().modelId())
                        .set(INPUT_TOKENS, summary.usage().inputTokens())
                        .set(OUTPUT_TOKENS, summary.usage().outputTokens())
                        .set(TOTAL_TOKENS, summary.usage().totalTokens())
                        .set(CHUNKS, summary.chunks())
                        .set(MODEL_CALLS, summary.modelCalls())
                        .set(FORMAT, summary.format())
                        .set(OUTPUT_KEY, outputKey)
                        .remove(CLAIM_ID, CLAIM_EXPIRES_AT, ERROR_CODE, ERROR_MESSAGE, RETRYABLE);
        return finish(claim, touch(x, claim, at), "record the summary of ");
    }

    @Override
    public boolean fail(Claim claim, ParleyException failure, boolean retryable, Instant at) {
        String message = String.valueOf(failure.getMessage());
        Expressions x =
                new Expressions()
                        .set(STATUS, DocumentRecord.Status.FAILED.wireName())
                        .set(ERROR_CODE, failure.code().code())
                        .set(
                                ERROR_MESSAGE,
                                message.length() > MAX_ERROR_CHARS
                                        ? message.substring(0, MAX_ERROR_CHARS) + "…"
                                        : message)
                        .set(RETRYABLE, AttributeValue.fromBool(retryable))
                        .remove(CLAIM_ID, CLAIM_EXPIRES_AT);
        return finish(claim, touch(x, claim, at), "record the failure of ");
    }

    @Override
    public Optional<DocumentRecord> latest(String bucket, String key, String owner) {
        List<DocumentRecord> versions = new ArrayList<>();
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table())
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(documentKey(bucket, key))))
                        .build();
        PagedQuery.readAll(
                dynamo,
                request,
                "read the document",
                item -> {
                    if (!isExpired(item) && owner.equals(s(item, OWNER))) {
                        versions.add(record(item));
                    }
                });
        return versions.stream()
                .max(
                        Comparator.comparing(DocumentRecord::uploadedAt)
                                .thenComparing(DocumentRecord::createdAt));
    }

    @Override
    public Page<DocumentRecord> list(String owner, int limit, Optional<String> cursor) {
        QueryRequest.Builder request =
                QueryRequest.builder()
                        .tableName(table())
                        .indexName(GSI1)
                        .keyConditionExpression("gsi1pk = :owner")
                        .expressionAttributeValues(
                                Map.of(":owner", AttributeValue.fromS(ownerKey(owner))))
                        .scanIndexForward(false)
                        .limit(limit);
        cursor.map(c -> DocumentCursor.decode(c, owner)).ifPresent(request::exclusiveStartKey);
        QueryResponse response = query(request.build(), "list documents");
        List<DocumentRecord> items =
                response.items().stream()
                        .filter(item -> !isExpired(item))
                        .map(DynamoDocumentStore::record)
                        .toList();
        Optional<String> next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(DocumentCursor.encode(response.lastEvaluatedKey()))
                        : Optional.empty();
        return new Page<>(items, next);
    }

    /** The attributes every write refreshes: the listing position follows the last update. */
    private Expressions touch(Expressions x, Claim claim, Instant at) {
        return x.set(UPDATED_AT, at.toString())
                .set(GSI1_PK, ownerKey(claim.owner()))
                .set(GSI1_SK, listingKey(at, pk(claim), sk(claim)))
                .set(TTL, expiry(claim.ref().eventTime().orElse(claim.at())).getEpochSecond());
    }

    /**
     * When the upload and its summary expire in the bucket, so the record goes with them: the
     * template's lifecycle rules (ExpireUploads, ExpireSummaries) expire objects {@code RetentionDays}
     * (parley.store.retention) after their creation, rounded up to the next midnight UTC, as S3 does.
     */
    Instant expiry(Instant uploadedAt) {
        Instant due = uploadedAt.plus(settings.retention());
        Instant midnight = due.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        return midnight.equals(due) ? due : midnight.plus(java.time.Duration.ofDays(1));
    }

    private boolean finish(Claim claim, Expressions x, String what) {
        String condition =
                x.name(CLAIM_ID) + " = " + x.value(AttributeValue.fromS(claim.claimId()));
        try {
            dynamo.updateItem(
                    update ->
                            update.tableName(table())
                                    .key(key(claim))
                                    .updateExpression(x.update())
                                    .conditionExpression(condition)
                                    .expressionAttributeNames(x.names())
                                    .expressionAttributeValues(x.values()));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        } catch (SdkException e) {
            throw TableErrors.translate(e, what + claim.ref().uri());
        }
    }

    private Map<String, AttributeValue> read(Claim claim) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(table())
                                                    .consistentRead(true)
                                                    .key(key(claim)))
                            .item();
            return item == null ? Map.of() : item;
        } catch (SdkException e) {
            throw TableErrors.translate(e, "read the claim of " + claim.ref().uri());
        }
    }

    private QueryResponse query(QueryRequest request, String what) {
        return PagedQuery.query(dynamo, request, what);
    }

    private static DocumentRecord record(Map<String, AttributeValue> item) {
        Optional<Usage> usage =
                item.containsKey(TOTAL_TOKENS)
                        ? Optional.of(
                                new Usage(
                                        n(item, INPUT_TOKENS),
                                        n(item, OUTPUT_TOKENS),
                                        n(item, TOTAL_TOKENS)))
                        : Optional.empty();
        Optional<DocumentRecord.Failure> error =
                item.containsKey(ERROR_CODE)
                        ? Optional.of(
                                new DocumentRecord.Failure(
                                        s(item, ERROR_CODE),
                                        s(item, ERROR_MESSAGE),
                                        item.containsKey(RETRYABLE)
                                                && Boolean.TRUE.equals(item.get(RETRYABLE).bool())))
                        : Optional.empty();
        return new DocumentRecord(
                s(item, BUCKET),
                s(item, OBJECT_KEY),
                opt(item, VERSION_ID),
                opt(item, ETAG),
                s(item, OWNER),
                DocumentRecord.Status.parse(s(item, STATUS)),
                opt(item, SUMMARY),
                opt(item, MODEL),
                opt(item, MODEL_ID),
                usage,
                error,
                opt(item, FORMAT),
                n(item, CHUNKS),
                n(item, MODEL_CALLS),
                n(item, ATTEMPTS),
                opt(item, OUTPUT_KEY),
                Instant.parse(s(item, UPLOADED_AT)),
                Instant.parse(s(item, CREATED_AT)),
                Instant.parse(s(item, UPDATED_AT)));
    }

    private static boolean isExpired(Map<String, AttributeValue> item) {
        return SingleTable.isExpired(item);
    }

    private static Map<String, AttributeValue> key(Claim claim) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk(claim)));
        key.put(SK, AttributeValue.fromS(sk(claim)));
        return key;
    }

    private static String pk(Claim claim) {
        return documentKey(claim.ref().bucket(), claim.ref().key());
    }

    private static String sk(Claim claim) {
        return versionKey(claim.versionToken());
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Optional<String> opt(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(s(item, name));
    }

    private static int n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    private String table() {
        return table.tableName();
    }
}
