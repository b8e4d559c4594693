package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateGuardrail's {@code automatedReasoningPolicyConfig} ({@code policies}: the ARNs of
 * Automated Reasoning policies; {@code confidenceThreshold}: 0 to 1), read back as GetGuardrail's
 * {@code automatedReasoningPolicy}. A policy ARN that names no policy is refused, as Bedrock
 * refuses a resource it does not have (ResourceNotFoundException; the wording is ours).
 */
final class ReasoningConfigs {

    private ReasoningConfigs() {}

    /** The policies the config names (empty without one); its errors go to {@code errors}. */
    static List<ReasoningPolicies.Policy> read(
            JsonNode config, ReasoningPolicies store, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode() || config.isNull()) {
            return List.of();
        }
        String path = "automatedReasoningPolicyConfig";
        if (!config.path("policies").isArray() || config.path("policies").isEmpty()) {
            errors.add(
                    "Value at '"
                            + path
                            + ".policies' failed to satisfy constraint: Member must have length"
                            + " greater than or equal to 1");
            return List.of();
        }
        JsonNode threshold = config.path("confidenceThreshold");
        if (!threshold.isMissingNode()
                && (!threshold.isNumber()
                        || threshold.asDouble() < 0
                        || threshold.asDouble() > 1)) {
            errors.add(
                    "Value '"
                            + threshold.asText()
                            + "' at '"
                            + path
                            + ".confidenceThreshold' failed to satisfy constraint: Member must have"
                            + " value between 0 and 1");
        }
        List<ReasoningPolicies.Policy> found = new ArrayList<>();
        if (errors.isEmpty()) {
            config.path("policies").forEach(arn -> found.add(store.resolve(arn.asText())));
        }
        policies.set("automatedReasoningPolicy", config.deepCopy());
        return found;
    }
}
