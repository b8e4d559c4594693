package dev.parley.error;

/** Small helpers for composing error messages out of other messages (an SDK's, a service's). */
public final class Messages {
    private Messages() {}

    /**
     * {@code text} as a clause to embed in a sentence: trimmed, without the full stop it usually
     * ends with, so "…: " + clause(detail) + ". To fix it…" never reads "..".
     */
    public static String clause(String text) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        String trimmed = text.strip();
        while (trimmed.endsWith(".") && !trimmed.endsWith("...")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        return trimmed.isEmpty() ? "no details" : trimmed;
    }

    /**
     * The first clause of an AWS SDK client exception's message ("Unable to execute HTTP request:
     * Connection reset"), without the parser, source and attempt details the SDK appends in
     * parentheses or on further lines.
     */
    public static String sdkClause(String message) {
        if (message == null) {
            return "no details";
        }
        String first = message.lines().findFirst().orElse("");
        int paren = first.indexOf(" (");
        return clause(paren < 0 ? first : first.substring(0, paren));
    }
}
