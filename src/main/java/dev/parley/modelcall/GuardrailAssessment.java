package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What one guardrail assessment found, in Parley's JSON: the policies that fired and what each
 * did ({@code BLOCKED}, {@code ANONYMIZED} or {@code NONE} for detect-only). PII and regex
 * findings carry their type or name but never the matched text: a blocked answer's trace must
 * not hand out the very data the guardrail withheld. For the same reason the automated reasoning
 * findings carry their result, confidence and rule ids but not the premises and claims Bedrock
 * translated from the text. {@code appliedGuardrail} says which guardrail made the assessment:
 * the request's own, or one the account or the organization enforces on every call.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GuardrailAssessment(
        List<Topic> topics,
        List<ContentFilter> contentFilters,
        List<Word> words,
        List<SensitiveInformation> sensitiveInformation,
        List<ContextualGrounding> contextualGrounding,
        List<AutomatedReasoningFinding> automatedReasoning,
        AppliedGuardrail appliedGuardrail) {

    public GuardrailAssessment {
        topics = List.copyOf(topics);
        contentFilters = List.copyOf(contentFilters);
        words = List.copyOf(words);
        sensitiveInformation = List.copyOf(sensitiveInformation);
        contextualGrounding = List.copyOf(contextualGrounding);
        automatedReasoning = List.copyOf(automatedReasoning);
    }

    /** An assessment of the text policies only (no grounding, reasoning or enforcement details). */
    public GuardrailAssessment(
            List<Topic> topics,
            List<ContentFilter> contentFilters,
            List<Word> words,
            List<SensitiveInformation> sensitiveInformation) {
        this(topics, contentFilters, words, sensitiveInformation, List.of(), List.of(), null);
    }

    /** A denied topic that matched. */
    @RegisterForReflection
    public record Topic(String name, String action) {}

    /** A content filter (SEXUAL, VIOLENCE, ..., PROMPT_ATTACK) that detected something. */
    @RegisterForReflection
    public record ContentFilter(String type, String confidence, String action) {}

    /** A custom word ({@code list} CUSTOM) or a managed-list word (e.g. PROFANITY) found. */
    @RegisterForReflection
    public record Word(String match, String list, String action) {}

    /** A PII entity type (e.g. EMAIL) or a custom regex (by its name) found. */
    @RegisterForReflection
    public record SensitiveInformation(String type, String action) {}

    /**
     * A contextual grounding check: {@code type} GROUNDING (is the answer supported by the
     * grounding source) or RELEVANCE (does it answer the query), Bedrock's {@code score} against the
     * configured {@code threshold}; {@code action} BLOCKED when the score fell below a blocking
     * threshold, NONE otherwise.
     */
    @RegisterForReflection
    public record ContextualGrounding(
            String type, Double threshold, Double score, String action, Boolean detected) {}

    /**
     * One automated reasoning finding: {@code result} VALID, INVALID, SATISFIABLE, IMPOSSIBLE,
     * TRANSLATION_AMBIGUOUS, TOO_COMPLEX or NO_TRANSLATIONS; the translation's {@code confidence};
     * the ids of the policy {@code rules} that support (VALID) or contradict (INVALID, IMPOSSIBLE)
     * the claims; {@code logicWarning} ALWAYS_TRUE or ALWAYS_FALSE when the premises are.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AutomatedReasoningFinding(
            String result, Double confidence, List<String> rules, String logicWarning) {
        public AutomatedReasoningFinding {
            rules = List.copyOf(rules);
        }
    }

    /**
     * The guardrail that made the assessment: {@code origin} REQUEST (the call's own),
     * ACCOUNT_ENFORCED or ORGANIZATION_ENFORCED (possibly several); {@code ownership} SELF or
     * CROSS_ACCOUNT (an organization's guardrail owned by another account).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AppliedGuardrail(
            String id, String version, String arn, List<String> origin, String ownership) {
        public AppliedGuardrail {
            origin = List.copyOf(origin);
        }

        /** True when the account or the organization enforces it, not the request. */
        public boolean enforced() {
            return origin.stream().anyMatch(o -> o.endsWith("_ENFORCED"));
        }
    }
}
