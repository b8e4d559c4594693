package dev.parley.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.modelcall.AccountReports;
import dev.parley.table.KeyPrefix;
import dev.parley.table.SingleTable;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last catalog refresh in the single table, as one item every instance reads with one GetItem:
 *
 * <pre>
 * pk                sk        what
 * CATALOG#account   REPORT    checkedAt, reports (the {@link AccountReports} as JSON)
 * </pre>
 *
 * One item, overwritten by each refresh: the reports of a few dozen models are a few KB, far
 * below DynamoDB's 400 KB item limit. No TTL: an old report is still the account's last word.
 */
@ApplicationScoped
public class AccountReportStore {
    static final String PK = KeyPrefix.CATALOG.key("account");
    static final String SK = KeyPrefix.REPORT.text();
    static final String CHECKED_AT = "checkedAt";
    static final String REPORTS = "reports";

    private final DynamoDbClient dynamo;
    private final TableSettings store;
    private final ObjectMapper mapper;

    AccountReportStore(DynamoDbClient dynamo, TableSettings store, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.store = store;
        this.mapper = mapper;
    }

    /** Replaces the stored report; SDK failures reach the caller (the refresh reports them). */
    public void save(AccountReports reports) {
        String json;
        try {
            json = mapper.writeValueAsString(reports);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the catalog refresh's reports", e);
        }
        dynamo.putItem(
                put ->
                        put.tableName(store.tableName())
                                .item(
                                        Map.of(
                                                SingleTable.PK,
                                                AttributeValue.fromS(PK),
                                                SingleTable.SK,
                                                AttributeValue.fromS(SK),
                                                CHECKED_AT,
                                                AttributeValue.fromS(
                                                        reports.checkedAt().toString()),
                                                REPORTS,
                                                AttributeValue.fromS(json))));
    }

    /** The last refresh's reports, if one ran; SDK failures reach the caller. */
    public Optional<AccountReports> load() {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                get ->
                                        get.tableName(store.tableName())
                                                .key(
                                                        Map.of(
                                                                SingleTable.PK,
                                                                AttributeValue.fromS(PK),
                                                                SingleTable.SK,
                                                                AttributeValue.fromS(SK))))
                        .item();
        if (item == null || !item.containsKey(REPORTS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(item.get(REPORTS).s(), AccountReports.class));
        } catch (JsonProcessingException e) {
            // Written by another version, say: treated as no report, and the next refresh rewrites
            // it.
            return Optional.empty();
        }
    }
}
