package dev.parley.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.modelcall.GuardrailAssessment;
import dev.parley.modelcall.GuardrailOutcome;
import dev.parley.modelcall.GuardrailTrace;
import dev.parley.modelcall.GuardrailUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.bedrockruntime.model.AppliedGuardrailDetails;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/**
 * The SDK's guardrail assessment types, mapped into the guardrails feature's records (the hook
 * {@link ConverseMapper} and {@link GuardrailGateway} use). SDK types stop here.
 */
final class GuardrailAssessments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardrailAssessments() {}

    /** The trace as JSON for {@link GuardrailOutcome#trace()}, when the response carries one. */
    static Optional<JsonNode> traceJson(GuardrailTraceAssessment trace) {
        if (trace == null) {
            return Optional.empty();
        }
        List<GuardrailAssessment> input = new ArrayList<>();
        trace.inputAssessment().values().forEach(a -> input.add(of(a)));
        List<GuardrailAssessment> output = new ArrayList<>();
        trace.outputAssessments().values().forEach(list -> list.forEach(a -> output.add(of(a))));
        return Optional.of(
                JSON.valueToTree(new GuardrailTrace(input, output, trace.actionReason())));
    }

    static GuardrailAssessment of(
            software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment sdk) {
        List<GuardrailAssessment.Topic> topics = new ArrayList<>();
        if (sdk.topicPolicy() != null) {
            sdk.topicPolicy()
                    .topics()
                    .forEach(
                            t ->
                                    topics.add(
                                            new GuardrailAssessment.Topic(
                                                    t.name(), t.actionAsString())));
        }
        List<GuardrailAssessment.ContentFilter> filters = new ArrayList<>();
        if (sdk.contentPolicy() != null) {
            sdk.contentPolicy()
                    .filters()
                    .forEach(
                            f ->
                                    filters.add(
                                            new GuardrailAssessment.ContentFilter(
                                                    f.typeAsString(),
                                                    f.confidenceAsString(),
                                                    f.actionAsString())));
        }
        List<GuardrailAssessment.Word> words = new ArrayList<>();
        if (sdk.wordPolicy() != null) {
            sdk.wordPolicy()
                    .customWords()
                    .forEach(
                            w ->
                                    words.add(
                                            new GuardrailAssessment.Word(
                                                    w.match(), "CUSTOM", w.actionAsString())));
            sdk.wordPolicy()
                    .managedWordLists()
                    .forEach(
                            w ->
                                    words.add(
                                            new GuardrailAssessment.Word(
                                                    w.match(),
                                                    w.typeAsString(),
                                                    w.actionAsString())));
        }
        List<GuardrailAssessment.SensitiveInformation> sensitive = new ArrayList<>();
        if (sdk.sensitiveInformationPolicy() != null) {
            // The matched text stays out: it is the data the guardrail exists to keep out of
            // answers.
            sdk.sensitiveInformationPolicy()
                    .piiEntities()
                    .forEach(
                            p ->
                                    sensitive.add(
                                            new GuardrailAssessment.SensitiveInformation(
                                                    p.typeAsString(), p.actionAsString())));
            sdk.sensitiveInformationPolicy()
                    .regexes()
                    .forEach(
                            r ->
                                    sensitive.add(
                                            new GuardrailAssessment.SensitiveInformation(
                                                    r.name(), r.actionAsString())));
        }
        return new GuardrailAssessment(
                topics,
                filters,
                words,
                sensitive,
                contextualGrounding(sdk),
                GuardrailReasoningFindings.of(sdk.automatedReasoningPolicy()),
                applied(sdk.appliedGuardrailDetails()));
    }

    private static List<GuardrailAssessment.ContextualGrounding> contextualGrounding(
            software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment sdk) {
        if (sdk.contextualGroundingPolicy() == null) {
            return List.of();
        }
        return sdk.contextualGroundingPolicy().filters().stream()
                .map(
                        f ->
                                new GuardrailAssessment.ContextualGrounding(
                                        f.typeAsString(),
                                        f.threshold(),
                                        f.score(),
                                        f.actionAsString(),
                                        f.detected()))
                .toList();
    }

    /** Which guardrail made the assessment; absent when Bedrock does not say (older answers). */
    private static GuardrailAssessment.AppliedGuardrail applied(AppliedGuardrailDetails details) {
        if (details == null) {
            return null;
        }
        return new GuardrailAssessment.AppliedGuardrail(
                details.guardrailId(),
                details.guardrailVersion(),
                details.guardrailArn(),
                details.guardrailOriginAsStrings(),
                details.guardrailOwnershipAsString());
    }

    /**
     * The units each guardrail of a call was billed for, summed over its input and output
     * assessments ({@code invocationMetrics.usage}); empty without a trace.
     */
    static Map<String, GuardrailUsage> units(GuardrailTraceAssessment trace) {
        Map<String, GuardrailUsage> units = new TreeMap<>();
        if (trace == null) {
            return units;
        }
        trace.inputAssessment().forEach((id, a) -> add(units, id, a));
        trace.outputAssessments().forEach((id, list) -> list.forEach(a -> add(units, id, a)));
        return units;
    }

    private static void add(
            Map<String, GuardrailUsage> units,
            String id,
            software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment assessment) {
        if (assessment.invocationMetrics() != null
                && assessment.invocationMetrics().usage() != null) {
            units.merge(id, usage(assessment.invocationMetrics().usage()), GuardrailUsage::plus);
        }
    }

    static GuardrailUsage usage(
            software.amazon.awssdk.services.bedrockruntime.model.GuardrailUsage sdk) {
        if (sdk == null) {
            return GuardrailUsage.NONE;
        }
        return new GuardrailUsage(
                orZero(sdk.topicPolicyUnits()),
                orZero(sdk.contentPolicyUnits()),
                orZero(sdk.wordPolicyUnits()),
                orZero(sdk.sensitiveInformationPolicyUnits()),
                orZero(sdk.sensitiveInformationPolicyFreeUnits()),
                orZero(sdk.contextualGroundingPolicyUnits()),
                orZero(sdk.contentPolicyImageUnits()),
                orZero(sdk.automatedReasoningPolicyUnits()),
                orZero(sdk.automatedReasoningPolicies()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
