package dev.parley.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/** The JSON of {@code GET /v1/usage}. */
final class UsageViews {
    private UsageViews() {
    }

    /** One day and model, or the total over the range ({@code date} and {@code model} null there). */
    @RegisterForReflection
    record Row(String date, String model, @JsonInclude(JsonInclude.Include.NON_NULL) String key, long calls, long inputTokens, long outputTokens, long cacheReadInputTokens,
            long cacheWriteInputTokens, long totalTokens, BigDecimal estimatedCostUsd) {
    }

    @RegisterForReflection
    record Report(String caller, String from, String to, List<Row> days, Row total, List<String> unpricedModels) {
    }
}
