package dev.parley.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/** The JSON of {@code GET /v1/usage}. */
final class UsageViews {
    private UsageViews() {}

    /** One day and model, or the total over the range ({@code date} and {@code model} null there). */
    @RegisterForReflection
    record Row(
            String date,
            String model,
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            long calls,
            long inputTokens,
            long outputTokens,
            long cacheReadInputTokens,
            long cacheWriteInputTokens,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) long cacheWriteOneHourInputTokens,
            long totalTokens,
            BigDecimal estimatedCostUsd) {}

    /** {@code nextCursor}: only when the rows are paged ({@code limit=} or {@code cursor=}) and more follow. */
    @RegisterForReflection
    record Report(
            String caller,
            String from,
            String to,
            List<Row> days,
            Row total,
            List<String> unpricedModels,
            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {}

    /** One owner's totals over the range ({@code by=owner}). */
    @RegisterForReflection
    record OwnerRow(
            String owner,
            long calls,
            long inputTokens,
            long outputTokens,
            long cacheReadInputTokens,
            long cacheWriteInputTokens,
            long totalTokens,
            BigDecimal estimatedCostUsd) {}

    @RegisterForReflection
    record OwnerReport(
            String from,
            String to,
            List<OwnerRow> owners,
            String nextCursor,
            List<String> unpricedModels) {}
}
