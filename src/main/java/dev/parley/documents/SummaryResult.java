package dev.parley.documents;

import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.Usage;

/**
 * A finished summary: usage is the sum over every model call it took ({@code chunks} map calls
 * plus the combine calls; one call for a short text or an attached document).
 */
record SummaryResult(
        String summary, ModelSpec model, Usage usage, int chunks, int modelCalls, String format) {}
