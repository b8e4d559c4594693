package dev.parley.modelcall;

/**
 * What a guardrail's contextual grounding check scores an answer against: the {@code source} the
 * answer must be grounded in (a document's text) and the {@code query} it must answer (the
 * request). Together they are the call's newest user message, query first, so a call without a
 * guardrail sends the same prompt as plain text.
 */
public record Grounding(String source, String query) {

    /** The user message's text: the query, a blank line, the source. */
    public String prompt() {
        return query + "\n\n" + source;
    }
}
