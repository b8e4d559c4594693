package dev.parley.lambda;

/** Untrusted values quoted in messages and logs are clipped, so a huge field cannot flood either. */
final class Clip {
    private static final int MAX_CHARS = 200;

    private Clip() {}

    static String of(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) + "…" : value;
    }
}
