package dev.parley.usage;

import static dev.parley.table.SingleTable.GSI1;
import static dev.parley.table.SingleTable.GSI1_PK;
import static dev.parley.table.SingleTable.GSI1_SK;

import dev.parley.error.ParleyException;
import dev.parley.store.Page;
import dev.parley.table.PagedQuery;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every owner's usage, a page of owners at a time ({@code GET /v1/usage?by=owner}, admins only).
 * Each month's usage items are one partition of the {@code byOwner} index, sorted by owner
 * ({@link UsageTable}); a page reads each month of the range from just after the cursor's owner
 * until it has seen one owner more than the page holds, and keeps the first owners of all months
 * together. An owner within the page is complete in every month: any owner a month holds before it
 * is also before it in the page. The index is eventually consistent: the last seconds' calls may
 * be missing, and usage counted before the index entries were written is not listed.
 */
@ApplicationScoped
public class OwnerUsage {
    /** Items a Query returns at most per round trip: a page stops reading soon after it is full. */
    private static final int READ_BATCH = 200;

    private static final int MAX_OWNER_LENGTH = 1024;

    private final DynamoDbClient dynamo;
    private final TableSettings store;
    private final UsageSettings settings;
    private final AwsRequestOverrideConfiguration bounded;

    OwnerUsage(DynamoDbClient dynamo, TableSettings store, UsageSettings settings) {
        this.dynamo = dynamo;
        this.store = store;
        this.settings = settings;
        this.bounded =
                AwsRequestOverrideConfiguration.builder()
                        .apiCallTimeout(settings.writeTimeout())
                        .addPlugin(
                                config ->
                                        config.overrideConfiguration(
                                                o ->
                                                        o.retryStrategy(
                                                                UsageLedger.RETRY_THROTTLED_ONCE)))
                        .build();
    }

    /** One page of owners (in owner order) with their day entries from {@code from} to {@code to}. */
    public Page<Map.Entry<String, List<LedgerEntry>>> page(
            LocalDate from, LocalDate to, int limit, Optional<String> cursor) {
        Optional<String> after = cursor.map(OwnerUsage::decode);
        TreeMap<String, List<LedgerEntry>> owners = new TreeMap<>();
        for (YearMonth month = YearMonth.from(from);
                !month.isAfter(YearMonth.from(to));
                month = month.plusMonths(1)) {
            readMonth(month, from, to, after, limit)
                    .forEach(
                            (owner, entries) ->
                                    owners.computeIfAbsent(owner, o -> new ArrayList<>())
                                            .addAll(entries));
        }
        List<Map.Entry<String, List<LedgerEntry>>> page = new ArrayList<>();
        for (Map.Entry<String, List<LedgerEntry>> owner : owners.entrySet()) {
            if (page.size() == limit) {
                return new Page<>(page, Optional.of(encode(page.get(limit - 1).getKey())));
            }
            page.add(Map.entry(owner.getKey(), List.copyOf(owner.getValue())));
        }
        return new Page<>(page, Optional.empty());
    }

    /** The month's first {@code limit} owners after {@code after} (and the start of the next one, if any). */
    private Map<String, List<LedgerEntry>> readMonth(
            YearMonth month, LocalDate from, LocalDate to, Optional<String> after, int limit) {
        Map<String, AttributeValue> values =
                new HashMap<>(
                        Map.of(
                                ":pk", AttributeValue.fromS(UsageTable.monthIndexKey(month)),
                                ":from", AttributeValue.fromS(from.toString()),
                                ":to", AttributeValue.fromS(to.toString())));
        Map<String, String> names =
                new HashMap<>(Map.of("#pk", GSI1_PK, "#period", UsageTable.PERIOD));
        String condition = "#pk = :pk";
        if (after.isPresent()) {
            names.put("#sk", GSI1_SK);
            condition += " AND #sk > :after";
            values.put(":after", AttributeValue.fromS(after.get()));
        }
        Map<String, List<LedgerEntry>> owners = new LinkedHashMap<>();
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table())
                        .indexName(GSI1)
                        .keyConditionExpression(condition)
                        .filterExpression("#period BETWEEN :from AND :to")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .limit(READ_BATCH)
                        .overrideConfiguration(bounded)
                        .build();
        PagedQuery.readWhile(
                dynamo,
                request,
                "read usage by owner",
                item ->
                        owners.computeIfAbsent(item.get(GSI1_SK).s(), o -> new ArrayList<>())
                                .add(UsageLedger.entry(item)),
                () -> owners.size() <= limit);
        return owners;
    }

    private String table() {
        return settings.tableName().orElse(store.tableName());
    }

    private static String encode(String owner) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(owner.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String owner =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!owner.isEmpty()
                    && owner.length() <= MAX_OWNER_LENGTH
                    && owner.chars().noneMatch(Character::isISOControl)
                    && encode(owner).equals(cursor)) {
                return owner;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ParleyException.validation("cursor is not a cursor returned by this listing");
    }
}
