package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What one guardrail assessment found, in Parley's JSON: the policies that fired and what each
 * did ({@code BLOCKED}, {@code ANONYMIZED} or {@code NONE} for detect-only). PII and regex
 * findings carry their type or name but never the matched text: a blocked answer's trace must
 * not hand out the very data the guardrail withheld.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GuardrailAssessment(
        List<Topic> topics,
        List<ContentFilter> contentFilters,
        List<Word> words,
        List<SensitiveInformation> sensitiveInformation) {

    public GuardrailAssessment {
        topics = List.copyOf(topics);
        contentFilters = List.copyOf(contentFilters);
        words = List.copyOf(words);
        sensitiveInformation = List.copyOf(sensitiveInformation);
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
}
