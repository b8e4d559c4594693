package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.modelcall.GuardrailUsage;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Bedrock adds to an InvokeModel answer when the call carries a guardrail: its verdict
 * ({@code amazon-bedrock-guardrailAction}) and, with the trace on, {@code amazon-bedrock-trace},
 * whose {@code guardrail} member has Converse's trace shape ({@code inputAssessment} by guardrail
 * id, {@code outputAssessments} by guardrail id). The units each guardrail was billed for are
 * reported only there ({@code invocationMetrics.usage} of each assessment), so Parley always asks
 * for the trace and removes it from the answer when the deployment does not show traces.
 */
final class InvokeGuardrailVerdict {
    static final String ACTION = "amazon-bedrock-guardrailAction";
    static final String TRACE = "amazon-bedrock-trace";

    private InvokeGuardrailVerdict() {}

    static boolean intervened(JsonNode body) {
        return "INTERVENED".equals(body.path(ACTION).asText());
    }

    /** The units of each guardrail of the call, summed over its input and output assessments. */
    static Map<String, GuardrailUsage> units(JsonNode body) {
        Map<String, GuardrailUsage> units = new TreeMap<>();
        JsonNode trace = body.path(TRACE).path("guardrail");
        trace.path("inputAssessment")
                .fields()
                .forEachRemaining(e -> add(units, e.getKey(), e.getValue()));
        trace.path("outputAssessments")
                .fields()
                .forEachRemaining(e -> e.getValue().forEach(a -> add(units, e.getKey(), a)));
        return units;
    }

    /** Removes the trace Parley asked for only to charge the guardrail; true when there was one. */
    static boolean hideTrace(JsonNode body) {
        return body instanceof ObjectNode object && object.remove(TRACE) != null;
    }

    private static void add(Map<String, GuardrailUsage> units, String id, JsonNode assessment) {
        JsonNode usage = assessment.path("invocationMetrics").path("usage");
        if (usage.isObject()) {
            units.merge(id, usage(usage), GuardrailUsage::plus);
        }
    }

    private static GuardrailUsage usage(JsonNode usage) {
        return new GuardrailUsage(
                usage.path("topicPolicyUnits").asInt(),
                usage.path("contentPolicyUnits").asInt(),
                usage.path("wordPolicyUnits").asInt(),
                usage.path("sensitiveInformationPolicyUnits").asInt(),
                usage.path("sensitiveInformationPolicyFreeUnits").asInt(),
                usage.path("contextualGroundingPolicyUnits").asInt(),
                usage.path("contentPolicyImageUnits").asInt(),
                usage.path("automatedReasoningPolicyUnits").asInt(),
                usage.path("automatedReasoningPolicies").asInt());
    }
}
