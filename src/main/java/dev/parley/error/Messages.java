package dev.parley.error;

/** Small helpers for composing error messages out of other messages (an SDK's, a service's). */
public final class Messages {
    private Messages() {
    }

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
}
