package dev.parley.usage;

import dev.parley.modelcall.ServiceTier;
import java.util.Optional;

/**
 * The ledger keeps a model's calls on the Priority and Flex tiers apart from its standard calls,
 * under the model's alias with the tier after an {@code @} ({@code nova-pro@flex}), so each is
 * priced at its tier's rate; standard calls keep the bare alias, as before tiers existed.
 */
public final class TierLabels {
    private static final String SEPARATOR = "@";

    private TierLabels() {
    }

    /** The ledger's model label of a call on {@code tier}. */
    public static String label(String alias, Optional<ServiceTier> tier) {
        return tier.filter(t -> t != ServiceTier.DEFAULT).map(t -> alias + SEPARATOR + t.wireName()).orElse(alias);
    }

    /** The alias a label prices from. */
    static String alias(String label) {
        int at = label.lastIndexOf(SEPARATOR);
        return at > 0 && ServiceTier.parse(label.substring(at + 1)).isPresent() ? label.substring(0, at) : label;
    }

    /** The tier a label was charged on (the standard tier for a bare alias). */
    static ServiceTier tier(String label) {
        int at = label.lastIndexOf(SEPARATOR);
        return at > 0 ? ServiceTier.parse(label.substring(at + 1)).orElse(ServiceTier.DEFAULT) : ServiceTier.DEFAULT;
    }
}
