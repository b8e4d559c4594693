package dev.parley.bedrock;

/**
 * Where Converse {@code cachePoint} blocks go: after the system prompt, after the tool definitions,
 * and after message {@code afterMessage} (an index into the call's messages; -1 for none).
 */
public record CachePoints(boolean afterSystem, boolean afterTools, int afterMessage) {

    public static final CachePoints NONE = new CachePoints(false, false, -1);

    public boolean any() {
        return afterSystem || afterTools || afterMessage >= 0;
    }
}
