package dev.parley.guardrails;

import dev.parley.local.bedrock.guardrails.GuardrailRegistry;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Parley with the emulator's demo guardrail on: traced and sync-streamed, or untraced and async-streamed. */
public final class GuardrailProfiles {
    /** The demo guardrail's messages (see GuardrailRegistry). */
    public static final String BLOCKED_INPUT = "Sorry, Parley cannot help with that request.";

    public static final String BLOCKED_OUTPUT =
            "Sorry, the answer was withheld by Parley's guardrail.";

    private GuardrailProfiles() {}

    static Map<String, String> demoGuardrail(boolean trace, String streamMode) {
        return Map.of(
                "parley.guardrails.enabled",
                "true",
                "parley.guardrails.identifier",
                GuardrailRegistry.DEMO_ID,
                "parley.guardrails.version",
                "1",
                "parley.guardrails.trace",
                Boolean.toString(trace),
                "parley.guardrails.stream-processing-mode",
                streamMode);
    }

    public static class TracedSync implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return demoGuardrail(true, "sync");
        }
    }

    public static class UntracedAsync implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return demoGuardrail(false, "async");
        }
    }
}
