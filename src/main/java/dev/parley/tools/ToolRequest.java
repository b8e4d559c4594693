package dev.parley.tools;

import dev.parley.error.ParleyException;
import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ServiceTier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /v1/tools} body, validated. */
record ToolRequest(
        String message,
        Optional<List<String>> tools,
        Optional<String> toolChoice,
        Optional<String> model,
        Optional<String> system,
        InferenceSettings inference,
        Optional<Integer> reasoningBudget,
        Optional<ServiceTier> serviceTier) {
    /** The top-level fields {@link #from} reads; others are named in a warning ({@code http/UnknownFields}). */
    static final Set<String> FIELDS =
            Set.of(
                    "message",
                    "system",
                    "tools",
                    "toolChoice",
                    "model",
                    "inferenceConfig",
                    "reasoning",
                    "serviceTier");

    static ToolRequest from(JsonFields body, int maxTextChars) {
        String message = body.requiredText("message", maxTextChars);
        Optional<String> system = body.optionalString("system");
        if (system.isPresent() && system.get().length() > maxTextChars) {
            throw ParleyException.tooLarge(
                    "system is "
                            + system.get().length()
                            + " characters; the limit is "
                            + maxTextChars);
        }
        return new ToolRequest(
                message,
                body.optionalStringList("tools"),
                body.optionalString("toolChoice"),
                body.optionalString("model"),
                system,
                ModelCallFields.inference(body),
                ModelCallFields.reasoningBudget(body),
                ModelCallFields.serviceTier(body));
    }
}
