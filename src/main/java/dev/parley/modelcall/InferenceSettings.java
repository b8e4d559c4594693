package dev.parley.modelcall;

import dev.parley.error.ParleyException;
import java.util.List;
import java.util.Optional;

/**
 * The Converse API's {@code inferenceConfig}, validated. Absent values are left to the model's defaults.
 *
 * @param stopSequences texts at which the model stops generating (Converse {@code stopSequences}); empty for none
 * @param topK sample from the K likeliest tokens; not in Converse's {@code inferenceConfig}, so it goes in the
 *        model's own request fields where the model takes it (see {@code ConverseMapper})
 */
public record InferenceSettings(
        Optional<Double> temperature,
        Optional<Double> topP,
        Optional<Integer> maxTokens,
        List<String> stopSequences,
        Optional<Integer> topK) {

    public static final InferenceSettings DEFAULTS =
            new InferenceSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public InferenceSettings {
        stopSequences = List.copyOf(stopSequences);
    }

    public InferenceSettings(
            Optional<Double> temperature, Optional<Double> topP, Optional<Integer> maxTokens) {
        this(temperature, topP, maxTokens, List.of());
    }

    public InferenceSettings(
            Optional<Double> temperature,
            Optional<Double> topP,
            Optional<Integer> maxTokens,
            List<String> stopSequences) {
        this(temperature, topP, maxTokens, stopSequences, Optional.empty());
    }

    /** Checks the limits of one model; {@code maxTokens} cannot exceed what the model can produce. */
    public InferenceSettings checkedFor(ModelSpec model) {
        maxTokens.ifPresent(
                max -> {
                    if (max > model.maxOutputTokens()) {
                        throw ParleyException.validation(
                                "inferenceConfig.maxTokens must be between 1 and "
                                        + model.maxOutputTokens()
                                        + " for model "
                                        + model.alias()
                                        + ", got "
                                        + max);
                    }
                });
        return this;
    }

    public InferenceSettings withMaxTokens(int max) {
        return new InferenceSettings(temperature, topP, Optional.of(max), stopSequences, topK);
    }

    /** These settings, with {@code maxTokens} defaulted (capped to the model's limit) when the request set none. */
    public InferenceSettings withDefaultMaxTokens(int defaultMaxTokens, ModelSpec model) {
        if (maxTokens.isPresent()) {
            return this;
        }
        return new InferenceSettings(
                temperature,
                topP,
                Optional.of(Math.min(defaultMaxTokens, model.maxOutputTokens())),
                stopSequences,
                topK);
    }
}
