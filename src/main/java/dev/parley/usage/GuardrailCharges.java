package dev.parley.usage;

import dev.parley.modelcall.GuardrailUsage;
import dev.parley.modelcall.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger rows of one guardrail check, one per way Bedrock prices its units, so each row takes
 * its own price ({@code parley.usage.prices."<row>".input}, USD per million units): the text
 * policies under {@code guardrail:{id}}, the contextual grounding check under
 * {@code guardrail:{id}/contextual-grounding}, the automated reasoning checks under
 * {@code guardrail:{id}/automated-reasoning} and the content filters' images under
 * {@code guardrail:{id}/images} (one unit per image). The text row is always written, so it counts
 * the checks; the others only when they have units. ApplyGuardrail checks and the guardrail
 * Converse applies inside a model call share the rows: Bedrock prices their units alike.
 */
public final class GuardrailCharges {
    static final String CONTEXTUAL_GROUNDING = "/contextual-grounding";
    static final String AUTOMATED_REASONING = "/automated-reasoning";
    static final String IMAGES = "/images";

    /** One ledger row: the label it is kept and priced under, and its units. */
    public record Charge(String model, int units) {}

    private GuardrailCharges() {}

    public static List<Charge> of(String guardrailId, GuardrailUsage usage) {
        String row = "guardrail:" + guardrailId;
        List<Charge> charges = new ArrayList<>();
        charges.add(new Charge(row, usage.textPolicyUnits()));
        add(charges, row + CONTEXTUAL_GROUNDING, usage.contextualGroundingPolicyUnits());
        add(charges, row + AUTOMATED_REASONING, usage.automatedReasoningPolicyUnits());
        add(charges, row + IMAGES, usage.contentPolicyImageUnits());
        return charges;
    }

    /**
     * The ledger events of the guardrails applied inside one model call ({@code units} by
     * guardrail id, from the call's trace), charged to the call's caller, key and route.
     */
    public static List<UsageEvent> events(
            String caller,
            Optional<String> keyId,
            String route,
            Map<String, GuardrailUsage> units,
            Instant at) {
        List<UsageEvent> events = new ArrayList<>();
        units.forEach(
                (id, usage) ->
                        of(id, usage)
                                .forEach(
                                        charge ->
                                                events.add(
                                                        new UsageEvent(
                                                                caller,
                                                                keyId,
                                                                route,
                                                                charge.model(),
                                                                new Usage(
                                                                        charge.units(),
                                                                        0,
                                                                        charge.units()),
                                                                at))));
        return events;
    }

    private static void add(List<Charge> charges, String model, int units) {
        if (units > 0) {
            charges.add(new Charge(model, units));
        }
    }
}
