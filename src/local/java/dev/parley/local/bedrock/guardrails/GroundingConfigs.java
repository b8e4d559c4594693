package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * CreateGuardrail's {@code contextualGroundingPolicyConfig}, read back as GetGuardrail's
 * {@code contextualGroundingPolicy.filters}: per filter its type (GROUNDING or RELEVANCE), its
 * threshold, its action (BLOCK by default, or NONE: detect only) and whether it is enabled. AWS's
 * guide gives the thresholds' range as 0 to 0.99 (1 would block everything).
 */
final class GroundingConfigs {

    private GroundingConfigs() {}

    static void read(JsonNode config, ObjectNode policies, List<String> errors) {
        if (config.isMissingNode()) {
            return;
        }
        ArrayNode filters = policies.putObject("contextualGroundingPolicy").putArray("filters");
        int i = 0;
        for (JsonNode filter : config.path("filtersConfig")) {
            i++;
            String path = "contextualGroundingPolicyConfig.filtersConfig." + i + ".member";
            GuardrailConfigs.enumValue(
                    filter.path("type"), path + ".type", Set.of("GROUNDING", "RELEVANCE"), errors);
            JsonNode threshold = filter.path("threshold");
            if (!threshold.isNumber()) {
                errors.add(
                        "Value null at '"
                                + path
                                + ".threshold' failed to satisfy constraint: Member must not be null");
            } else if (threshold.asDouble() < 0 || threshold.asDouble() > 0.99) {
                errors.add(
                        "Value '"
                                + threshold.asText()
                                + "' at '"
                                + path
                                + ".threshold' failed to satisfy constraint: Member must have value"
                                + " between 0 and 0.99");
            }
            ObjectNode copy = filter.deepCopy();
            if (filter.has("action")) {
                GuardrailConfigs.enumValue(
                        filter.path("action"), path + ".action", Set.of("BLOCK", "NONE"), errors);
            } else {
                copy.put("action", "BLOCK");
            }
            if (!filter.has("enabled")) {
                copy.put("enabled", true);
            }
            filters.add(copy);
        }
    }
}
