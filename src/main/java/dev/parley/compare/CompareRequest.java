package dev.parley.compare;

import dev.parley.error.ParleyException;
import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.modelcall.InferenceSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /v1/compare} body, validated. */
record CompareRequest(
        String message,
        List<String> models,
        Optional<String> system,
        InferenceSettings inference,
        Optional<Integer> reasoningBudget) {
    /** The top-level fields the route reads (serviceTier in {@code CompareRoutes}); others are named in a warning. */
    static final Set<String> FIELDS =
            Set.of("message", "models", "system", "inferenceConfig", "reasoning", "serviceTier");

    static CompareRequest from(JsonFields body, int maxTextChars, int maxModels) {
        String message = body.requiredText("message", maxTextChars);
        List<String> models =
                body.optionalStringList("models")
                        .orElseThrow(
                                () ->
                                        ParleyException.validation(
                                                "models is required: a list of 1 to "
                                                        + maxModels
                                                        + " model names"));
        if (models.isEmpty() || models.size() > maxModels) {
            throw ParleyException.validation(
                    "models must name 1 to " + maxModels + " models, got " + models.size());
        }
        if (new LinkedHashSet<>(models).size() != models.size()) {
            throw ParleyException.validation("models must not name the same model twice");
        }
        Optional<String> system = body.optionalString("system");
        if (system.isPresent() && system.get().length() > maxTextChars) {
            throw ParleyException.tooLarge(
                    "system is "
                            + system.get().length()
                            + " characters; the limit is "
                            + maxTextChars);
        }
        return new CompareRequest(
                message,
                models,
                system,
                ModelCallFields.inference(body),
                ModelCallFields.reasoningBudget(body));
    }
}
