package dev.parley.modelcall;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Bedrock's on-demand service tiers ({@code serviceTier.type} on Converse, the
 * {@code X-Amzn-Bedrock-Service-Tier} header on InvokeModel): priority answers first at a premium,
 * default is standard on-demand, flex is discounted and may wait. Bedrock's fourth value,
 * {@code reserved}, needs a capacity reservation made with the account team, so Parley does not
 * offer it per request.
 */
public enum ServiceTier {
    PRIORITY,
    DEFAULT,
    FLEX;

    /** The wire name: {@code priority}, {@code default} or {@code flex}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named {@code name}, if it is one Parley offers. */
    public static Optional<ServiceTier> parse(String name) {
        return Arrays.stream(values()).filter(tier -> tier.wireName().equals(name)).findFirst();
    }

    /** The names, for messages: "priority, default, flex". */
    public static String names() {
        return Arrays.stream(values()).map(ServiceTier::wireName).collect(Collectors.joining(", "));
    }
}
