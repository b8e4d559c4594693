package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The content blocks a guardrail is given (ApplyGuardrail's {@code content}, Converse's
 * {@code guardContent}), sorted by their {@code qualifiers}: text to guard (no qualifier, or
 * {@code guard_content}), the grounding source and the query the contextual grounding check reads
 * (several of each are joined, as AWS's guide says), and the number of images. AWS's guide limits
 * the grounding source to 100,000 characters and the query to 1,000; beyond that the call is
 * refused (the wording is ours).
 */
record GuardedContent(List<String> guarded, GroundingCheck.Context grounding, int images) {

    static final Set<String> QUALIFIERS = Set.of("grounding_source", "query", "guard_content");
    private static final int MAX_SOURCE = 100_000;
    private static final int MAX_QUERY = 1_000;

    /** ApplyGuardrail's {@code content}; {@code path} names it in a validation error. */
    static GuardedContent of(JsonNode blocks, String path) {
        List<String> guarded = new ArrayList<>();
        StringBuilder source = new StringBuilder();
        StringBuilder query = new StringBuilder();
        int images = 0;
        int i = 0;
        for (JsonNode block : blocks) {
            i++;
            if (block.has("image")) {
                images++;
                continue;
            }
            JsonNode text = block.path("text");
            if (!text.path("text").isTextual()) {
                continue;
            }
            List<String> qualifiers = qualifiers(text.path("qualifiers"), path + "." + i);
            String value = text.path("text").asText();
            if (qualifiers.contains("grounding_source")) {
                source.append(source.isEmpty() ? "" : "\n").append(value);
            }
            if (qualifiers.contains("query")) {
                query.append(query.isEmpty() ? "" : "\n").append(value);
            }
            if (qualifiers.isEmpty() || qualifiers.contains("guard_content")) {
                guarded.add(value);
            }
        }
        return new GuardedContent(guarded, context(source, query), images);
    }

    /** A block's qualifiers; refuses a value outside the enum, as the service model does. */
    static List<String> qualifiers(JsonNode qualifiers, String path) {
        List<String> out = new ArrayList<>();
        int q = 0;
        for (JsonNode qualifier : qualifiers) {
            q++;
            if (!QUALIFIERS.contains(qualifier.asText())) {
                throw GuardrailFault.validation(
                        "1 validation error detected: Value '"
                                + qualifier.asText()
                                + "' at '"
                                + path
                                + ".member.text.qualifiers."
                                + q
                                + ".member' failed to satisfy constraint: Member must satisfy enum"
                                + " value set: [grounding_source, query, guard_content]");
            }
            out.add(qualifier.asText());
        }
        return out;
    }

    static GroundingCheck.Context context(CharSequence source, CharSequence query) {
        if (source.length() > MAX_SOURCE) {
            throw GuardrailFault.validation(
                    "The grounding source exceeds the contextual grounding check's limit of "
                            + MAX_SOURCE
                            + " characters.");
        }
        if (query.length() > MAX_QUERY) {
            throw GuardrailFault.validation(
                    "The query exceeds the contextual grounding check's limit of "
                            + MAX_QUERY
                            + " characters.");
        }
        return new GroundingCheck.Context(source.toString(), query.toString());
    }
}
