package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.Params;
import dev.parley.openai.ResponseFormats;
import dev.parley.structured.ResponseFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scalar parameters of {@code POST /openai/v1/responses}, checked: everything but the input
 * and tools, which need the model and the previous response. Unknown parameters are ignored
 * (clients send defaults such as {@code truncation} or {@code user}).
 */
record ResponseRequest(String requestedModel, boolean stream, boolean store, boolean includeEncryptedReasoning,
        Optional<String> previousResponseId, Optional<String> instructions, ObjectNode metadata,
        Optional<ResponseFormat> format, InferenceSettings inference, Optional<String> effort) {

    /** {@code reasoning.effort} as thinking budgets in tokens, as on Chat Completions. */
    static final Map<String, Integer> EFFORT_BUDGETS = Map.of("minimal", 1024, "low", 2048, "medium", 8192,
            "high", 16384, "xhigh", 32768);
    private static final int MAX_METADATA_PAIRS = 16;

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
                encrypted |= item.isTextual() && item.textValue().equals("reasoning.encrypted_content");
            }
        }
        Optional<String> previous = Params.string(body, "previous_response_id", "previous_response_id");
        Optional<String> instructions = Params.string(body, "instructions", "instructions").filter(s -> !s.isBlank());
        ObjectNode metadata = metadata(body);
        Optional<Double> temperature = Params.number(body, "temperature", 0, 2);
        temperature.filter(t -> t > 1).ifPresent(t -> {
            throw OpenAiException.unsupported("temperature", "Invalid 'temperature': Bedrock models take 0 to 1, got "
                    + t + ".");
        });
        Optional<Double> topP = Params.number(body, "top_p", 0, 1);
        Optional<Integer> maxTokens = Params.integer(body, "max_output_tokens", 1, Integer.MAX_VALUE).map(max -> {
            if (max > model.maxOutputTokens()) {
                throw OpenAiException.invalid("max_output_tokens", "Invalid 'max_output_tokens': " + max + " is greater"
                        + " than the maximum of " + model.maxOutputTokens() + " output tokens of model "
                        + model.alias() + ".");
            }
            return max;
        });
        Optional<String> effort = Params.present(body, "reasoning")
                .flatMap(reasoning -> Params.string(reasoning, "effort", "reasoning.effort"));
        effort.filter(e -> !EFFORT_BUDGETS.containsKey(e) && !e.equals("none")).ifPresent(e -> {
            throw OpenAiException.invalid("reasoning.effort", "Invalid value: '" + e + "'. Supported values are:"
                    + " 'none', 'minimal', 'low', 'medium', 'high' and 'xhigh'.");
        });
        return new ResponseRequest(requestedModel, stream, store, encrypted, previous, instructions, metadata,
                ResponseFormats.responseText(body), new InferenceSettings(temperature, topP, maxTokens, List.of()),
                effort.filter(e -> !e.equals("none")));
    }

    /** OpenAI's limits: at most 16 pairs, keys up to 64 characters, string values up to 512. */
    private static ObjectNode metadata(ObjectNode body) {
        Optional<JsonNode> metadata = Params.present(body, "metadata");
        if (metadata.isEmpty()) {
            return body.objectNode();
        }
        if (!metadata.get().isObject() || metadata.get().size() > MAX_METADATA_PAIRS) {
            throw OpenAiException.invalid("metadata", "Invalid 'metadata': expected an object of at most "
                    + MAX_METADATA_PAIRS + " string values.");
        }
        metadata.get().fields().forEachRemaining(e -> {
            if (e.getKey().length() > 64 || !e.getValue().isTextual() || e.getValue().textValue().length() > 512) {
                throw OpenAiException.invalid("metadata." + e.getKey(), "Invalid 'metadata." + e.getKey() + "': keys"
                        + " are at most 64 characters and values strings of at most 512.");
            }
        });
        return (ObjectNode) metadata.get().deepCopy();
    }

    /**
     * The call with reasoning at {@code reasoning.effort}: a thinking budget on models that take one
     * (the same rules as Chat Completions' reasoning_effort), nothing to add on models that always reason.
     */
    ModelCall withReasoning(ModelCall call) {
        if (effort.isEmpty()) {
            return call;
        }
        ModelSpec model = call.model();
        if ("always".equals(model.capabilities().reasoning())) {
            return call;
        }
        if (!model.capabilities().thinkingBudget()) {
            throw OpenAiException.unsupported("reasoning.effort", "Model " + model.alias() + " (" + model.modelId()
                    + ") does not reason; send no 'reasoning.effort' or choose a reasoning model.");
        }
        if (inference.temperature().isPresent() || inference.topP().isPresent()) {
            throw OpenAiException.unsupported(inference.temperature().isPresent() ? "temperature" : "top_p",
                    "Model " + model.alias() + " takes no 'temperature' or 'top_p' while reasoning; leave them out"
                            + " when you set 'reasoning.effort'.");
        }
        int budget = EFFORT_BUDGETS.get(effort.get());
        int maxTokens = inference.maxTokens().orElse(Math.min(model.maxOutputTokens(), budget + 4096));
        if (maxTokens <= 1024) {
            throw OpenAiException.invalid("max_output_tokens", "Reasoning needs more than 1024 output tokens; raise"
                    + " 'max_output_tokens' or leave out 'reasoning.effort'.");
        }
        return call.withInference(call.inference().withMaxTokens(maxTokens))
                .withReasoningBudget(Optional.of(Math.min(budget, maxTokens - 1)));
    }
}
