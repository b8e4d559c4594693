package dev.parley.local.bedrock.guardrails;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * InvokeModel's guardrail, from its request headers ({@code X-Amzn-Bedrock-GuardrailIdentifier},
 * {@code -GuardrailVersion}, {@code X-Amzn-Bedrock-Trace}: ENABLED, DISABLED or ENABLED_FULL;
 * AWS's InvokeModel reference), with the account's enforced guardrail when it covers the model:
 * enforcement applies to every inference call of the account, InvokeModel included, with or
 * without a guardrail in the request.
 */
public final class InvokeGuardrail {

    private InvokeGuardrail() {}

    /** Empty when the request names no guardrail and none is enforced on {@code modelId}. */
    public static Optional<ConverseGuardrail> of(
            GuardrailRegistry registry,
            String identifier,
            String version,
            String trace,
            String modelId) {
        return ConverseGuardrail.withEnforced(
                own(registry, identifier, version, trace), registry, modelId);
    }

    private static Optional<ConverseGuardrail> own(
            GuardrailRegistry registry, String identifier, String version, String trace) {
        if (identifier == null || identifier.isBlank()) {
            return Optional.empty();
        }
        if (version == null || version.isBlank()) {
            throw GuardrailFault.validation(
                    "Guardrail version is required when a guardrail identifier is specified.");
        }
        String mode = trace == null ? "disabled" : trace.toLowerCase(Locale.ROOT);
        if (!List.of("enabled", "disabled", "enabled_full").contains(mode)) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value '"
                            + trace
                            + "' at 'trace' failed to satisfy constraint: Member must satisfy"
                            + " enum value set: [ENABLED, DISABLED, ENABLED_FULL]");
        }
        return Optional.of(
                new ConverseGuardrail(
                        List.of(
                                EnforcedGuardrails.Applied.request(
                                        identifier, registry.resolve(identifier, version))),
                        mode,
                        false));
    }
}
