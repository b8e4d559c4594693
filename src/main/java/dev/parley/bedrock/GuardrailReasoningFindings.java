package dev.parley.bedrock;

import dev.parley.modelcall.GuardrailAssessment.AutomatedReasoningFinding;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningFinding;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningLogicWarning;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningPolicyAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningRule;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAutomatedReasoningTranslation;

/**
 * The automated reasoning policy's findings (a union with one member per result), reduced to what
 * a caller can act on: the result, how confident the translation was, the rules behind it and any
 * logic warning. The premises and claims stay out: they restate the checked text.
 */
final class GuardrailReasoningFindings {

    private GuardrailReasoningFindings() {}

    static List<AutomatedReasoningFinding> of(GuardrailAutomatedReasoningPolicyAssessment policy) {
        if (policy == null) {
            return List.of();
        }
        return policy.findings().stream().map(GuardrailReasoningFindings::finding).toList();
    }

    private static AutomatedReasoningFinding finding(GuardrailAutomatedReasoningFinding f) {
        if (f.valid() != null) {
            return new AutomatedReasoningFinding(
                    "VALID",
                    confidence(f.valid().translation()),
                    rules(f.valid().supportingRules()),
                    warning(f.valid().logicWarning()));
        }
        if (f.invalid() != null) {
            return new AutomatedReasoningFinding(
                    "INVALID",
                    confidence(f.invalid().translation()),
                    rules(f.invalid().contradictingRules()),
                    warning(f.invalid().logicWarning()));
        }
        if (f.satisfiable() != null) {
            return new AutomatedReasoningFinding(
                    "SATISFIABLE",
                    confidence(f.satisfiable().translation()),
                    List.of(),
                    warning(f.satisfiable().logicWarning()));
        }
        if (f.impossible() != null) {
            return new AutomatedReasoningFinding(
                    "IMPOSSIBLE",
                    confidence(f.impossible().translation()),
                    rules(f.impossible().contradictingRules()),
                    warning(f.impossible().logicWarning()));
        }
        if (f.translationAmbiguous() != null) {
            return new AutomatedReasoningFinding("TRANSLATION_AMBIGUOUS", null, List.of(), null);
        }
        if (f.tooComplex() != null) {
            return new AutomatedReasoningFinding("TOO_COMPLEX", null, List.of(), null);
        }
        if (f.noTranslations() != null) {
            return new AutomatedReasoningFinding("NO_TRANSLATIONS", null, List.of(), null);
        }
        // A result this SDK version does not know: say so rather than drop the finding.
        return new AutomatedReasoningFinding("UNKNOWN", null, List.of(), null);
    }

    private static Double confidence(GuardrailAutomatedReasoningTranslation translation) {
        return translation == null ? null : translation.confidence();
    }

    private static List<String> rules(List<GuardrailAutomatedReasoningRule> rules) {
        return rules.stream().map(GuardrailAutomatedReasoningRule::identifier).toList();
    }

    private static String warning(GuardrailAutomatedReasoningLogicWarning warning) {
        return warning == null ? null : warning.typeAsString();
    }
}
