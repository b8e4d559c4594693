package dev.parley.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.modelcall.GuardrailUsage;
import dev.parley.usage.GuardrailCharges.Charge;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guardrail check's units become one ledger row per price: the text policies (the free PII
 * units left out), the contextual grounding check, the automated reasoning checks and the images.
 */
class GuardrailChargesTest {

    @Test
    void eachPricedKindOfUnitHasItsOwnRow() {
        GuardrailUsage usage = new GuardrailUsage(1, 2, 3, 4, 5, 6, 7, 8, 2);
        assertEquals(
                List.of(
                        new Charge("guardrail:g1", 1 + 2 + 3 + 4),
                        new Charge("guardrail:g1/contextual-grounding", 6),
                        new Charge("guardrail:g1/automated-reasoning", 8),
                        new Charge("guardrail:g1/images", 7)),
                GuardrailCharges.of("g1", usage));
    }

    @Test
    void aTextOnlyCheckHasOneRowEvenWithoutUnits() {
        assertEquals(
                List.of(new Charge("guardrail:g1", 2)),
                GuardrailCharges.of("g1", new GuardrailUsage(1, 1, 0, 0, 3, 0)));
        assertEquals(
                List.of(new Charge("guardrail:g1", 0)),
                GuardrailCharges.of("g1", GuardrailUsage.NONE));
    }
}
