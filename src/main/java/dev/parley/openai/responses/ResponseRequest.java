package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.capabilities.ReasoningPolicy;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ReasoningAsk;
import dev.parley.modelcall.ServiceTier;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.Params;
import dev.parley.openai.ResponseFormats;
import dev.parley.openai.ServiceTiers;
import dev.parley.structured.ResponseFormat;
import java.util.List;
import java.util.Optional;

/**
 * The scalar parameters of {@code POST /openai/v1/responses}, checked: everything but the input
 * and tools, which need the model and the previous response. Unknown parameters are ignored
 * (clients send defaults such as {@code truncation} or {@code user}).
 */
record ResponseRequest(
        String requestedModel,
        boolean stream,
        boolean store,
        boolean includeEncryptedReasoning,
        Optional<String> previousResponseId,
        Optional<String> instructions,
        ObjectNode metadata,
        Optional<ResponseFormat> format,
        InferenceSettings inference,
        Optional<String> effort,
        Optional<ServiceTier> serviceTier) {

    private static final int MAX_METADATA_PAIRS = 16;

    /** The reasoning policy's refusals name these parameters. */
    private static final ReasoningPolicy.ParamNames REASONING_PARAMS =
            new ReasoningPolicy.ParamNames(
                    "reasoning.effort", "temperature", "top_p", "max_output_tokens", "tool_choice");

    static ResponseRequest from(ObjectNode body, ModelSpec model, String requestedModel) {
        boolean stream = Params.bool(body, "stream", "stream").orElse(false);
        boolean store = Params.bool(body, "store", "store").orElse(true);
        boolean encrypted = false;
        Optional<JsonNode> include = Params.present(body, "include");
        if (include.isPresent()) {
            if (!include.get().isArray()) {
                throw Params.wrongType("include", "an array of strings", include.get());
            }
            for (JsonNode item : include.get()) {
                encrypted |=
                        item.isTextual() && item.textValue().equals("reasoning.encrypted_content");
            }
        }
        Optional<String> previous =
                Params.string(body, "previous_response_id", "previous_response_id");
        Optional<String> instructions =
                Params.string(body, "instructions", "instructions").filter(s -> !s.isBlank());
        ObjectNode metadata = metadata(body);
        Optional<Double> temperature = Params.number(body, "temperature", 0, 2);
        temperature
                .filter(t -> t > 1)
                .ifPresent(
                        t -> {
                            throw OpenAiException.unsupported(
                                    "temperature",
                                    "Invalid 'temperature': Bedrock models take 0 to 1, got "
                                            + t
                                            + ".");
                        });
        Optional<Double> topP = Params.number(body, "top_p", 0, 1);
        Optional<Integer> maxTokens =
                Params.integer(body, "max_output_tokens", 1, Integer.MAX_VALUE)
                        .map(
                                max -> {
                                    if (max > model.maxOutputTokens()) {
                                        throw OpenAiException.invalid(
                                                "max_output_tokens",
                                                "Invalid 'max_output_tokens': "
                                                        + max
                                                        + " is greater"
                                                        + " than the maximum of "
                                                        + model.maxOutputTokens()
                                                        + " output tokens of model "
                                                        + model.alias()
                                                        + ".");
                                    }
                                    return max;
                                });
        Optional<String> effort =
                Params.present(body, "reasoning")
                        .flatMap(
                                reasoning ->
                                        Params.string(reasoning, "effort", "reasoning.effort"));
        effort.filter(e -> !ReasoningAsk.Effort.LEVELS.contains(e) && !e.equals("none"))
                .ifPresent(
                        e -> {
                            throw OpenAiException.invalid(
                                    "reasoning.effort",
                                    "Invalid value: '"
                                            + e
                                            + "'. Supported values are:"
                                            + " 'none', 'minimal', 'low', 'medium', 'high', 'xhigh' and 'max'.");
                        });
        return new ResponseRequest(
                requestedModel,
                stream,
                store,
                encrypted,
                previous,
                instructions,
                metadata,
                ResponseFormats.responseText(body),
                new InferenceSettings(temperature, topP, maxTokens, List.of()),
                effort.filter(e -> !e.equals("none")),
                ServiceTiers.read(body));
    }

    /** OpenAI's limits: at most 16 pairs, keys up to 64 characters, string values up to 512. */
    private static ObjectNode metadata(ObjectNode body) {
        Optional<JsonNode> metadata = Params.present(body, "metadata");
        if (metadata.isEmpty()) {
            return body.objectNode();
        }
        if (!metadata.get().isObject() || metadata.get().size() > MAX_METADATA_PAIRS) {
            throw OpenAiException.invalid(
                    "metadata",
                    "Invalid 'metadata': expected an object of at most "
                            + MAX_METADATA_PAIRS
                            + " string values.");
        }
        metadata.get()
                .fields()
                .forEachRemaining(
                        e -> {
                            if (e.getKey().length() > 64
                                    || !e.getValue().isTextual()
                                    || e.getValue().textValue().length() > 512) {
                                throw OpenAiException.invalid(
                                        "metadata." + e.getKey(),
                                        "Invalid 'metadata."
                                                + e.getKey()
                                                + "': keys"
                                                + " are at most 64 characters and values strings of at most 512.");
                            }
                        });
        return (ObjectNode) metadata.get().deepCopy();
    }

    /**
     * The call with reasoning at {@code reasoning.effort}, as the capability stage's reasoning
     * policy takes it; its refusals answered here first, naming the Responses API's parameter.
     */
    ModelCall withReasoning(ModelCall call) {
        if (effort.isEmpty()) {
            return call;
        }
        return ReasoningPolicy.requireAllowed(
                call.withReasoning(Optional.of(new ReasoningAsk.Effort(effort.get()))),
                REASONING_PARAMS);
    }
}
