package dev.parley.modelcall;

/**
 * Where Converse {@code cachePoint} blocks go: after the system prompt, after the tool definitions,
 * and after message {@code afterMessage} (an index into the call's messages; -1 for none), and
 * whether they ask for the one-hour TTL ({@code ttl: "1h"}; otherwise no ttl is sent and Bedrock's
 * five-minute default applies). Every point of a call has the same TTL, so Bedrock's rule that a
 * longer TTL may not follow a shorter one always holds.
 */
public record CachePoints(
        boolean afterSystem, boolean afterTools, int afterMessage, boolean oneHour) {

    public static final CachePoints NONE = new CachePoints(false, false, -1, false);

    public CachePoints(boolean afterSystem, boolean afterTools, int afterMessage) {
        this(afterSystem, afterTools, afterMessage, false);
    }

    public boolean any() {
        return afterSystem || afterTools || afterMessage >= 0;
    }
}
