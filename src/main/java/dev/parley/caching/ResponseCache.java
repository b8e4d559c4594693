package dev.parley.caching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.afterresponse.AfterResponse;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ContentJson;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelReply;
import dev.parley.modelcall.Usage;
import dev.parley.table.KeyPrefix;
import dev.parley.table.SingleTable;
import dev.parley.table.TableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored answers in DynamoDB: one item per key ({@code pk = CACHE#{hash}}, {@code sk = RESPONSE})
 * with the table's TTL attribute, so DynamoDB removes it after {@code parley.cache.ttl}; until
 * then an expired item is treated as absent. The cache is an optimisation: when DynamoDB fails,
 * a lookup is a miss and a store is skipped, never the caller's error. A store is written after the
 * response ({@link AfterResponse}): the answer does not wait for it (docs/warm-path.md).
 */
@ApplicationScoped
public class ResponseCache {
    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    static final String KEY_PREFIX = KeyPrefix.CACHED_ANSWER.text();
    static final String SORT_KEY = KeyPrefix.RESPONSE.text();

    private final DynamoDbClient dynamo;
    private final ResponseCacheSettings settings;
    private final String table;
    private final Clock clock;
    private final AfterResponse afterResponse;

    ResponseCache(
            DynamoDbClient dynamo,
            ResponseCacheSettings settings,
            TableSettings store,
            Clock clock,
            AfterResponse afterResponse) {
        this.dynamo = dynamo;
        this.afterResponse = afterResponse;
        this.clock = clock;
        this.settings = settings;
        this.table = settings.tableName().filter(name -> !name.isBlank()).orElse(store.tableName());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The caller's own scope, or everyone's when the cache is shared. */
    String scope(String caller) {
        return settings.shared() ? "*" : "caller:" + caller;
    }

    String keyFor(String caller, String route, ModelCall call) {
        return CacheKeys.forCall(scope(caller), route, settings.promptVersion(), call);
    }

    /** A stored answer to {@code call}, marked cached, with the usage and latency of the call that made it. */
    Optional<ModelReply> find(String key, ModelCall call) {
        try {
            return read(key)
                    .map(
                            item ->
                                    new ModelReply(
                                            call.model(),
                                            new ChatMessage(
                                                    ChatMessage.Role.ASSISTANT,
                                                    ContentJson.fromJsonString(
                                                            item.get("content").s())),
                                            item.get("stopReason").s(),
                                            usage(item.get("usage").m()),
                                            number(item, "latencyMs"),
                                            Optional.empty(),
                                            true));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "a stored answer could not be read; answering without the cache: %s",
                    e.toString());
            return Optional.empty();
        }
    }

    void store(String key, String route, ModelReply reply) {
        Map<String, AttributeValue> item = item(key, route);
        item.put(
                "content",
                AttributeValue.fromS(ContentJson.toJsonString(reply.message().content())));
        item.put("stopReason", AttributeValue.fromS(reply.stopReason()));
        item.put("usage", AttributeValue.fromM(usage(reply.usage())));
        item.put("latencyMs", AttributeValue.fromN(Long.toString(reply.latencyMs())));
        write(item);
    }

    /** Whether the InvokeModel answer came from the cache, and the answer. */
    public record InvokeAnswer(String body, boolean hit) {}

    /**
     * An InvokeModel answer from the cache, or from {@code model} (then stored) when there is none or the
     * client asked to bypass it ({@code refresh}).
     */
    public InvokeAnswer invoke(
            String caller, String modelId, JsonNode body, boolean refresh, Supplier<String> model) {
        String key = CacheKeys.forInvoke(scope(caller), settings.promptVersion(), modelId, body);
        if (!refresh) {
            Optional<Map<String, AttributeValue>> found = read(key);
            if (found.isPresent()) {
                return new InvokeAnswer(found.get().get("body").s(), true);
            }
        }
        String answer = model.get();
        Map<String, AttributeValue> item = item(key, "invoke");
        item.put("body", AttributeValue.fromS(answer));
        write(item);
        return new InvokeAnswer(answer, false);
    }

    private Map<String, AttributeValue> item(String key, String route) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SingleTable.PK, AttributeValue.fromS(KEY_PREFIX + key));
        item.put(SingleTable.SK, AttributeValue.fromS(SORT_KEY));
        item.put("route", AttributeValue.fromS(route));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        item.put(
                SingleTable.TTL,
                AttributeValue.fromN(Long.toString(now.plus(settings.ttl()).getEpochSecond())));
        return item;
    }

    private Optional<Map<String, AttributeValue>> read(String key) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(
                                    get ->
                                            get.tableName(table)
                                                    .key(
                                                            Map.of(
                                                                    SingleTable.PK,
                                                                            AttributeValue.fromS(
                                                                                    KEY_PREFIX
                                                                                            + key),
                                                                    SingleTable.SK,
                                                                            AttributeValue.fromS(
                                                                                    SORT_KEY))))
                            .item();
            if (item == null
                    || item.isEmpty()
                    || number(item, SingleTable.TTL) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(item);
        } catch (RuntimeException e) {
            // SdkException, or an item this version cannot read: a miss either way.
            LOG.warnf("response cache lookup failed, answering without it: %s", e.toString());
            return Optional.empty();
        }
    }

    private void write(Map<String, AttributeValue> item) {
        int size =
                item.values().stream()
                        .mapToInt(
                                v ->
                                        v.s() == null
                                                ? 16
                                                : v.s().getBytes(StandardCharsets.UTF_8).length)
                        .sum();
        if (size > settings.maxItemBytes()) {
            return;
        }
        afterResponse.later(
                () -> {
                    try {
                        dynamo.putItem(put -> put.tableName(table).item(item));
                    } catch (SdkException e) {
                        LOG.warnf(
                                "response cache store failed; the answer is not cached: %s",
                                e.toString());
                    }
                });
    }

    private static Map<String, AttributeValue> usage(Usage usage) {
        return Map.of(
                "inputTokens",
                n(usage.inputTokens()),
                "outputTokens",
                n(usage.outputTokens()),
                "totalTokens",
                n(usage.totalTokens()),
                "cacheReadInputTokens",
                n(usage.cacheReadInputTokens()),
                "cacheWriteInputTokens",
                n(usage.cacheWriteInputTokens()),
                "cacheWriteOneHourInputTokens",
                n(usage.cacheWriteOneHourInputTokens()));
    }

    private static Usage usage(Map<String, AttributeValue> m) {
        return new Usage(
                number(m, "inputTokens"),
                number(m, "outputTokens"),
                number(m, "totalTokens"),
                number(m, "cacheReadInputTokens"),
                number(m, "cacheWriteInputTokens"),
                number(m, "cacheWriteOneHourInputTokens"));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : (int) Long.parseLong(value.n());
    }
}
