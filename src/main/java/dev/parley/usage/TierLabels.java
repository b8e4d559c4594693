package dev.parley.usage;

import dev.parley.modelcall.ServiceTier;
import java.util.List;
import java.util.Optional;

/**
 * The ledger keeps a model's calls on the Priority and Flex tiers apart from its standard calls,
 * under the model's alias with the tier after an {@code @} ({@code nova-pro@flex}), so each is
 * priced at its tier's rate; standard calls keep the bare alias, as before tiers existed. A prompt
 * router's calls are kept under both ids, the router's alias then the model that answered
 * ({@code team-router>claude-haiku-4-5}), and priced by the model that answered.
 */
public final class TierLabels {
    private static final String SEPARATOR = "@";
    private static final String ROUTED = ">";

    private TierLabels() {}

    /** The ledger's model label of a call on {@code tier}. */
    public static String label(String alias, Optional<ServiceTier> tier) {
        return tier.filter(t -> t != ServiceTier.DEFAULT)
                .map(t -> alias + SEPARATOR + t.wireName())
                .orElse(alias);
    }

    /** The ledger's model (before any tier) of a call a prompt router sent to {@code answered}. */
    public static String routed(String router, String answered) {
        return router + ROUTED + answered;
    }

    /**
     * The aliases a label may be priced from, in order: the model that answered a router's call
     * (its price is what Bedrock bills), then the router's own alias (an operator may price a
     * router whose models are not in the catalog); a plain label has one.
     */
    static List<String> priceAliases(String label) {
        String model = alias(label);
        int routed = model.indexOf(ROUTED);
        return routed > 0
                ? List.of(model.substring(routed + 1), model.substring(0, routed))
                : List.of(model);
    }

    /** The alias a label prices from. */
    static String alias(String label) {
        int at = label.lastIndexOf(SEPARATOR);
        return at > 0 && ServiceTier.parse(label.substring(at + 1)).isPresent()
                ? label.substring(0, at)
                : label;
    }

    /** The tier a label was charged on (the standard tier for a bare alias). */
    static ServiceTier tier(String label) {
        int at = label.lastIndexOf(SEPARATOR);
        return at > 0
                ? ServiceTier.parse(label.substring(at + 1)).orElse(ServiceTier.DEFAULT)
                : ServiceTier.DEFAULT;
    }
}
