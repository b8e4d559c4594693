package dev.parley.guardrails;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route's calls carry the guardrail unless parley.guardrails.exempt-routes names the route. */
class GuardedByDefaultTest {

    @Test
    void everyRouteIsGuardedWhenNoneIsExempt() {
        for (String route :
                List.of(
                        "summarize",
                        "chat",
                        "stream",
                        "anthropic",
                        "anthropic.count_tokens",
                        "openai",
                        "openai.responses",
                        "a-route-added-tomorrow")) {
            assertTrue(GuardrailStage.guarded(List.of(), route), route);
        }
    }

    @Test
    void anExemptNameCoversItsSubRoutesOnly() {
        List<String> exempt = List.of(" openai ", "compare");
        assertFalse(GuardrailStage.guarded(exempt, "openai"));
        assertFalse(GuardrailStage.guarded(exempt, "openai.responses"));
        assertFalse(GuardrailStage.guarded(exempt, "compare"));
        assertTrue(GuardrailStage.guarded(exempt, "openaix"));
        assertTrue(GuardrailStage.guarded(exempt, "chat"));
        assertTrue(GuardrailStage.guarded(exempt, "anthropic"));
    }
}
