package dev.parley.keys;

import dev.parley.modelcall.ServiceTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps an {@link ApiKey} to its DynamoDB item and back: the one place that knows the attributes. */
final class KeyItems {
    private KeyItems() {}

    static Map<String, AttributeValue> limits(KeyLimits limits) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (!limits.models().isEmpty()) {
            item.put(
                    KeyTable.MODELS,
                    AttributeValue.fromL(
                            limits.models().stream().map(AttributeValue::fromS).toList()));
        }
        limits.rpm().ifPresent(v -> item.put(KeyTable.RPM, n(v)));
        limits.tpm().ifPresent(v -> item.put(KeyTable.TPM, n(v)));
        limits.dailyTokens().ifPresent(v -> item.put(KeyTable.DAILY_TOKENS, n(v)));
        limits.dailyUsd()
                .ifPresent(
                        v -> item.put(KeyTable.DAILY_USD, AttributeValue.fromN(v.toPlainString())));
        limits.monthlyTokens().ifPresent(v -> item.put(KeyTable.MONTHLY_TOKENS, n(v)));
        limits.monthlyUsd()
                .ifPresent(
                        v ->
                                item.put(
                                        KeyTable.MONTHLY_USD,
                                        AttributeValue.fromN(v.toPlainString())));
        limits.serviceTier()
                .ifPresent(
                        v -> item.put(KeyTable.SERVICE_TIER, AttributeValue.fromS(v.wireName())));
        return item;
    }

    static ApiKey key(Map<String, AttributeValue> item) {
        String pk = item.get("pk").s();
        String id = pk.substring(pk.indexOf('#') + 1);
        return new ApiKey(
                id,
                s(item, KeyTable.OWNER),
                s(item, KeyTable.NAME),
                s(item, KeyTable.PREFIX),
                s(item, KeyTable.HASH),
                Instant.parse(s(item, KeyTable.CREATED_AT)),
                Optional.ofNullable(item.get(KeyTable.LAST_USED_AT)).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get(KeyTable.EXPIRES_AT))
                        .map(v -> Instant.ofEpochSecond(Long.parseLong(v.n()))),
                limitsOf(item),
                item.containsKey(KeyTable.ADMIN)
                        && Boolean.TRUE.equals(item.get(KeyTable.ADMIN).bool()));
    }

    /** The limits stored on a key's item (or on a caps item, which has the same attributes). */
    static KeyLimits limitsOf(Map<String, AttributeValue> item) {
        return new KeyLimits(
                item.containsKey(KeyTable.MODELS)
                        ? item.get(KeyTable.MODELS).l().stream().map(AttributeValue::s).toList()
                        : List.of(),
                item.containsKey(KeyTable.RPM)
                        ? OptionalInt.of(Integer.parseInt(item.get(KeyTable.RPM).n()))
                        : OptionalInt.empty(),
                longOf(item, KeyTable.TPM),
                longOf(item, KeyTable.DAILY_TOKENS),
                usdOf(item, KeyTable.DAILY_USD),
                longOf(item, KeyTable.MONTHLY_TOKENS),
                usdOf(item, KeyTable.MONTHLY_USD),
                Optional.ofNullable(s(item, KeyTable.SERVICE_TIER)).flatMap(ServiceTier::parse));
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static OptionalLong longOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.n()));
    }

    private static Optional<BigDecimal> usdOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? Optional.empty() : Optional.of(new BigDecimal(value.n()));
    }
}
