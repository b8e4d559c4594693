package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.capabilities.ReasoningPolicy;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ReasoningAsk;
import dev.parley.modelcall.ServiceTier;
import dev.parley.modelcall.ToolOptions;
import dev.parley.structured.ResponseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat completion request, read into the model call it asks for. Parameters Parley cannot
 * honour through Bedrock are refused with a 400 naming them; unknown ones are ignored, so
 * clients that send extra defaults (penalties, seeds) keep working.
 *
 * @param requestedModel the {@code model} as the client named it, echoed in the answer
 */
record CompletionRequest(
        String requestedModel,
        ModelCall call,
        boolean stream,
        boolean includeUsage,
        Optional<ResponseFormat> format,
        Optional<ServiceTier> serviceTier) {

    private static final int MAX_STOP_SEQUENCES = 4;

    /** The reasoning policy's refusals name these parameters. */
    private static final ReasoningPolicy.ParamNames REASONING_PARAMS =
            new ReasoningPolicy.ParamNames(
                    "reasoning_effort",
                    "temperature",
                    "top_p",
                    "max_completion_tokens",
                    "tool_choice");

    static CompletionRequest from(ObjectNode body, ModelSpec model, String requestedModel) {
        Params.integer(body, "n", 1, Integer.MAX_VALUE)
                .ifPresent(
                        n -> {
                            if (n != 1) {
                                throw OpenAiException.unsupported(
                                        "n",
                                        "Invalid 'n': Parley answers one choice per request; n must"
                                                + " be 1, got "
                                                + n
                                                + ".");
                            }
                        });
        Optional<ResponseFormat> format = ResponseFormats.chatCompletion(body);
        Params.string(
                body, "user", "user"); // type-checked only: the caller is who the authorizer says
        boolean stream = Params.bool(body, "stream", "stream").orElse(false);
        boolean includeUsage =
                Params.present(body, "stream_options")
                        .flatMap(
                                options ->
                                        Params.bool(
                                                options,
                                                "include_usage",
                                                "stream_options.include_usage"))
                        .orElse(false);

        MessageMapper.Transcript transcript = MessageMapper.map(body.get("messages"), model);
        Optional<ToolOptions> tools = ToolMapper.map(body, model);
        var messages =
                tools.isEmpty() && TurnOrder.hasToolBlocks(transcript.messages())
                        ? TurnOrder.withToolBlocksAsText(transcript.messages())
                        : transcript.messages();

        Optional<Double> temperature = Params.number(body, "temperature", 0, 2);
        temperature.ifPresent(
                t -> {
                    if (t > 1) {
                        throw OpenAiException.unsupported(
                                "temperature",
                                "Invalid 'temperature': Bedrock models take 0 to 1,"
                                        + " got "
                                        + t
                                        + ".");
                    }
                });
        Optional<Double> topP = Params.number(body, "top_p", 0, 1);
        Optional<Integer> maxTokens = maxTokens(body, model);
        InferenceSettings inference =
                new InferenceSettings(temperature, topP, maxTokens, stops(body));

        ModelCall call = new ModelCall(model, transcript.system(), messages, inference, tools);
        Optional<String> effort = Params.string(body, "reasoning_effort", "reasoning_effort");
        if (effort.isPresent()) {
            call = withReasoning(call, effort.get());
        }
        return new CompletionRequest(
                requestedModel, call, stream, includeUsage, format, ServiceTiers.read(body));
    }

    /** {@code max_completion_tokens} (current) or {@code max_tokens} (deprecated, still sent by many clients). */
    private static Optional<Integer> maxTokens(JsonNode body, ModelSpec model) {
        String name =
                Params.present(body, "max_completion_tokens").isPresent()
                        ? "max_completion_tokens"
                        : "max_tokens";
        return Params.integer(body, name, 1, Integer.MAX_VALUE)
                .map(
                        max -> {
                            if (max > model.maxOutputTokens()) {
                                throw OpenAiException.invalid(
                                        name,
                                        "Invalid '"
                                                + name
                                                + "': "
                                                + max
                                                + " is greater than the maximum"
                                                + " of "
                                                + model.maxOutputTokens()
                                                + " output tokens of model "
                                                + model.alias()
                                                + ".");
                            }
                            return max;
                        });
    }

    private static List<String> stops(JsonNode body) {
        Optional<JsonNode> stop = Params.present(body, "stop");
        if (stop.isEmpty()) {
            return List.of();
        }
        if (stop.get().isTextual()) {
            return List.of(stop.get().textValue());
        }
        if (!stop.get().isArray()) {
            throw Params.wrongType("stop", "a string or an array of strings", stop.get());
        }
        if (stop.get().size() > MAX_STOP_SEQUENCES) {
            throw OpenAiException.invalid(
                    "stop",
                    "Invalid 'stop': at most "
                            + MAX_STOP_SEQUENCES
                            + " stop sequences, got "
                            + stop.get().size()
                            + ".");
        }
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < stop.get().size(); i++) {
            JsonNode item = stop.get().get(i);
            if (!item.isTextual() || item.textValue().isEmpty()) {
                throw OpenAiException.invalid(
                        "stop[" + i + "]",
                        "Invalid 'stop[" + i + "]': expected a non-empty string.");
            }
            stops.add(item.textValue());
        }
        return stops;
    }

    /**
     * {@code reasoning_effort} as the call's reasoning ask; the capability stage's reasoning policy
     * decides what the model does with it. Its refusals are answered here first, naming OpenAI's
     * parameter. {@code none} asks for no reasoning.
     */
    private static ModelCall withReasoning(ModelCall call, String effort) {
        if (effort.equals("none")) {
            return call;
        }
        if (!ReasoningAsk.Effort.LEVELS.contains(effort)) {
            throw OpenAiException.invalid(
                    "reasoning_effort",
                    "Invalid value: '"
                            + effort
                            + "'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', 'xhigh' and 'max'.");
        }
        return ReasoningPolicy.requireAllowed(
                call.withReasoning(Optional.of(new ReasoningAsk.Effort(effort))), REASONING_PARAMS);
    }
}
