package dev.parley.http;

import dev.parley.error.ParleyException;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ServiceTier;
import java.util.Optional;
import java.util.Set;

/**
 * The request fields every model-calling route shares, read at the HTTP edge:
 * {@code inferenceConfig {temperature, topP, maxTokens}} (ranges that hold for every model) and
 * {@code reasoning {budgetTokens}} (extended thinking; which models take it is the capability
 * stage's check).
 */
public final class ModelCallFields {

    static final String INFERENCE_CONFIG = "inferenceConfig";

    /** What {@code inferenceConfig} reads: one of these at the top level is a misplaced field. */
    static final Set<String> INFERENCE_FIELDS = Set.of("temperature", "topP", "maxTokens");

    private ModelCallFields() {}

    public static InferenceSettings inference(JsonFields request) {
        return request.optionalObject(INFERENCE_CONFIG)
                .map(
                        config ->
                                new InferenceSettings(
                                        config.optionalNumber("temperature", 0, 1),
                                        config.optionalNumber("topP", 0, 1),
                                        config.optionalInteger("maxTokens", 1, Integer.MAX_VALUE)))
                .orElse(InferenceSettings.DEFAULTS);
    }

    /** {@code serviceTier}: Bedrock's service tier for the call ({@code priority}, {@code default}, {@code flex}). */
    public static Optional<ServiceTier> serviceTier(JsonFields request) {
        return request.optionalString("serviceTier")
                .map(
                        name ->
                                ServiceTier.parse(name)
                                        .orElseThrow(
                                                () ->
                                                        ParleyException.validation(
                                                                request.path("serviceTier")
                                                                        + " must be one of "
                                                                        + ServiceTier.names()
                                                                        + ", got '"
                                                                        + name
                                                                        + "'")));
    }

    public static Optional<Integer> reasoningBudget(JsonFields request) {
        return request.optionalObject("reasoning")
                .map(
                        reasoning ->
                                reasoning
                                        .optionalInteger("budgetTokens", 1, Integer.MAX_VALUE)
                                        .orElseThrow(
                                                () ->
                                                        ParleyException.validation(
                                                                reasoning.path("budgetTokens")
                                                                        + " is required when reasoning is set (a number of tokens)")));
    }
}
