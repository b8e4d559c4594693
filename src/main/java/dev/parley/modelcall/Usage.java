package dev.parley.modelcall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Token counts as Bedrock reports them. The cache counts are prompt-cache reads and writes
 * (Converse {@code cacheReadInputTokens} / {@code cacheWriteInputTokens}); they are zero for a
 * model or call without prompt caching. {@code cacheWriteOneHourInputTokens} is the part of the
 * cache writes made with the one-hour TTL (Converse's {@code usage.cacheDetails}, ttl {@code 1h}),
 * priced apart from five-minute writes; shown only when there are some.
 */
@RegisterForReflection
public record Usage(
        int inputTokens,
        int outputTokens,
        int totalTokens,
        int cacheReadInputTokens,
        int cacheWriteInputTokens,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int cacheWriteOneHourInputTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    public Usage(
            int inputTokens,
            int outputTokens,
            int totalTokens,
            int cacheReadInputTokens,
            int cacheWriteInputTokens) {
        this(
                inputTokens,
                outputTokens,
                totalTokens,
                cacheReadInputTokens,
                cacheWriteInputTokens,
                0);
    }

    public Usage(int inputTokens, int outputTokens, int totalTokens) {
        this(inputTokens, outputTokens, totalTokens, 0, 0);
    }

    /** The sum of two usages: one way to total several model calls (tool loops, map-reduce, streams). */
    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                totalTokens + other.totalTokens,
                cacheReadInputTokens + other.cacheReadInputTokens,
                cacheWriteInputTokens + other.cacheWriteInputTokens,
                cacheWriteOneHourInputTokens + other.cacheWriteOneHourInputTokens);
    }
}
