package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What an assessment is billed for and covers: text units (1,000 characters, rounded up, per text
 * and per policy the guardrail has), image units of content filters that assess images, and
 * {@code guardrailCoverage}.
 */
final class GuardrailUnits {

    private GuardrailUnits() {}

    /** {@code guardrailCoverage}: the characters guarded, and the images when there are any. */
    static ObjectNode coverage(List<String> texts, int guardedImages, int images) {
        int characters = texts.stream().mapToInt(String::length).sum();
        ObjectNode coverage = Wire.object();
        coverage.putObject("textCharacters").put("guarded", characters).put("total", characters);
        if (images > 0) {
            coverage.putObject("images").put("guarded", guardedImages).put("total", images);
        }
        return coverage;
    }

    /**
     * Whether a content filter assesses images on this side: its {@code inputModalities} or
     * {@code outputModalities} name IMAGE (a filter without them assesses text only).
     */
    static boolean filtersImages(JsonNode config, String side) {
        for (JsonNode filter : config.path("contentPolicy").path("filters")) {
            if (!"NONE".equals(filter.path(side + "Strength").asText("NONE"))) {
                for (JsonNode modality : filter.path(side + "Modalities")) {
                    if ("IMAGE".equals(modality.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static int units(List<String> texts) {
        int units = 0;
        for (String text : texts) {
            units += Math.max(1, (text.length() + 999) / 1000);
        }
        return units;
    }

    /** One text unit per 1,000 characters, for each policy the guardrail has. */
    static ObjectNode usage(JsonNode config, List<String> texts) {
        int units = units(texts);
        boolean sensitive = config.has("sensitiveInformationPolicy");
        return Wire.object()
                .put("topicPolicyUnits", config.has("topicPolicy") ? units : 0)
                .put("contentPolicyUnits", config.has("contentPolicy") ? units : 0)
                .put("wordPolicyUnits", config.has("wordPolicy") ? units : 0)
                .put(
                        "sensitiveInformationPolicyUnits",
                        sensitive
                                        && config.path("sensitiveInformationPolicy")
                                                        .path("regexes")
                                                        .size()
                                                > 0
                                ? units
                                : 0)
                .put("sensitiveInformationPolicyFreeUnits", sensitive ? units : 0)
                .put("contextualGroundingPolicyUnits", 0);
    }
}
