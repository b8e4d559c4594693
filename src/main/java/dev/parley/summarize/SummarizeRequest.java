package dev.parley.summarize;

import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.modelcall.InferenceSettings;
import java.util.Optional;
import java.util.Set;

/** {@code POST /v1/summarize} body, validated. */
record SummarizeRequest(
        String text, SummaryStyle style, Optional<String> model, InferenceSettings inference) {
    /** The top-level fields the route reads (serviceTier in {@code SummarizeRoutes}); others are named in a warning. */
    static final Set<String> FIELDS =
            Set.of("text", "style", "model", "inferenceConfig", "serviceTier");

    static SummarizeRequest from(JsonFields body, int maxTextChars) {
        String text = body.requiredText("text", maxTextChars);
        SummaryStyle style =
                body.optionalString("style").map(SummaryStyle::parse).orElse(SummaryStyle.CONCISE);
        return new SummarizeRequest(
                text, style, body.optionalString("model"), ModelCallFields.inference(body));
    }
}
