package dev.parley.table;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one DynamoDB table every feature keeps its items in: its key attributes, its index and its
 * expiry. template.yaml and the local stack create the same keys. Which feature owns which keys is
 * {@link KeyPrefix}; each feature's own attributes stay with the feature ({@code store/},
 * {@code documents/}, {@code keys/}, {@code usage/}, ...).
 *
 * <pre>
 * pk                  sk                          gsi1pk (byOwner)        what
 * CONV#{id}           META                        OWNER#{owner}           a conversation
 * CONV#{id}           MSG#{turn:08}#{seq:02}                              one of its messages
 * APIKEY#{id}         KEY                         APIKEYS#{owner}         an API key
 * APIKEY#{id}         RATE#{epochMinute}                                  its per-minute counters
 * RESP#{id}           RESPONSE                                            a stored Responses API response
 * CACHE#{sha256}      RESPONSE                                            a response-cache answer
 * DOC#{bucket}/{key}  VER#{version}               DOCS#{owner}            a document version's record
 * HANDOFF#{id}        CLAIM                                               a WebSocket hand-off's claim
 * USAGE#{caller}      DAY#{day}#{model}[#KEY#{k}] USAGE#MONTH#{yyyy-MM}   usage counters
 * CATALOG#account     REPORT                                              the catalog refresh's report
 * </pre>
 */
public final class SingleTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "byOwner";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "ttl";

    private SingleTable() {}

    /** An item's primary key. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    /** DynamoDB deletes expired items lazily (within days), so readers must skip them themselves. */
    public static boolean isExpired(Map<String, AttributeValue> item) {
        AttributeValue ttl = item.get(TTL);
        return ttl != null
                && ttl.n() != null
                && Long.parseLong(ttl.n()) < Instant.now().getEpochSecond();
    }
}
