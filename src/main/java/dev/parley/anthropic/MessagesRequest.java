package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.modelcall.CachePoints;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ModelCall;
import dev.parley.modelcall.ModelSpec;
import dev.parley.modelcall.ReasoningAsk;
import dev.parley.modelcall.ServiceTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Messages API request read into the model call it asks for. Fields Parley cannot honour are
 * accepted and ignored where a client sends them by default ({@code metadata},
 * {@code context_management}, {@code service_tier}, {@code container}, {@code mcp_servers} and
 * any field it does not know), so Claude Code and the SDKs keep working; docs/anthropic.md lists
 * them. What Bedrock would refuse is refused here first, in Anthropic's words.
 *
 * @param requestedModel the {@code model} as the client named it, echoed in the answer
 * @param warnings what was left out or lowered, for the {@code X-Parley-Warning} header
 */
record MessagesRequest(
        String requestedModel,
        ModelCall call,
        boolean stream,
        List<String> warnings,
        Optional<ServiceTier> serviceTier) {

    /** Converse's {@code stopSequences} takes at most four items. */
    static final int MAX_STOP_SEQUENCES = 4;

    /** A request to answer ({@code POST /v1/messages}): {@code max_tokens} is required, as on Anthropic's API. */
    static MessagesRequest from(ObjectNode body, ModelSpec model, String requestedModel) {
        return read(body, model, requestedModel, false);
    }

    /** A request to count ({@code POST /v1/messages/count_tokens}): no {@code max_tokens}, no stream. */
    static MessagesRequest forCount(ObjectNode body, ModelSpec model, String requestedModel) {
        return read(body, model, requestedModel, true);
    }

    private static MessagesRequest read(
            ObjectNode body, ModelSpec model, String requestedModel, boolean count) {
        List<String> warnings = new ArrayList<>();
        boolean stream = !count && Fields.bool(body, "stream", "").orElse(false);
        Optional<Integer> askedMax = Fields.integer(body, "max_tokens", "", 1);
        if (!count && askedMax.isEmpty()) {
            throw Fields.missing("max_tokens");
        }
        Optional<Integer> maxTokens =
                askedMax.map(
                        max -> {
                            if (max > model.maxOutputTokens()) {
                                // Claude Code asks for its own model's output limit whatever model
                                // serves it; lowering
                                // it keeps the client working where Anthropic's own API would
                                // refuse the request.
                                warnings.add(
                                        "max_tokens "
                                                + max
                                                + " lowered to "
                                                + model.alias()
                                                + "'s limit of "
                                                + model.maxOutputTokens());
                                return model.maxOutputTokens();
                            }
                            return max;
                        });
        Optional<ReasoningAsk> reasoning = Thinking.ask(body, model, askedMax, maxTokens, warnings);
        SystemPrompt system = SystemPrompt.read(body);
        ContentMapper.Turns turns =
                ContentMapper.map(body.get("messages"), model, reasoning.isPresent());
        ToolsMapper.Tools tools = ToolsMapper.map(body, model, turns.toolBlocks());
        if (!tools.leftOut().isEmpty()) {
            warnings.add(
                    "tools not offered to the model (Parley runs client tools only): "
                            + String.join(", ", tools.leftOut()));
        }
        InferenceSettings inference =
                new InferenceSettings(
                        Fields.number(body, "temperature", 0, 1),
                        Fields.number(body, "top_p", 0, 1),
                        maxTokens,
                        stops(body),
                        Fields.integer(body, "top_k", "", 0));
        Fields.present(body, "metadata")
                .ifPresent(metadata -> Fields.string(metadata, "user_id", "metadata"));
        ModelCall call =
                Thinking.checked(
                        new ModelCall(
                                        model,
                                        system.text(),
                                        turns.messages(),
                                        inference,
                                        tools.options())
                                .withReasoning(reasoning));
        CachePoints points =
                new CachePoints(
                        system.cached(),
                        tools.cached(),
                        turns.cachedMessage(),
                        system.oneHour() || tools.oneHour() || turns.oneHour());
        return new MessagesRequest(
                requestedModel,
                points.any() ? call.withCachePoints(points) : call,
                stream,
                List.copyOf(warnings),
                serviceTier(body));
    }

    /**
     * Anthropic's {@code service_tier}: {@code auto} leaves the tier to the key's or the deployment's
     * default; {@code standard_only} asks for Bedrock's standard tier ({@code default}).
     */
    private static Optional<ServiceTier> serviceTier(JsonNode body) {
        return Fields.string(body, "service_tier", "")
                .map(
                        tier ->
                                switch (tier) {
                                    case "auto" -> Optional.<ServiceTier>empty();
                                    case "standard_only" -> Optional.of(ServiceTier.DEFAULT);
                                    default ->
                                            throw AnthropicException.invalid(
                                                    "service_tier",
                                                    "Input should be 'auto' or 'standard_only'");
                                })
                .flatMap(tier -> tier);
    }

    private static List<String> stops(JsonNode body) {
        Optional<JsonNode> stop = Fields.present(body, "stop_sequences");
        if (stop.isEmpty()) {
            return List.of();
        }
        Fields.array(stop.get(), "stop_sequences");
        if (stop.get().size() > MAX_STOP_SEQUENCES) {
            throw AnthropicException.invalid(
                    "stop_sequences",
                    "Bedrock takes at most "
                            + MAX_STOP_SEQUENCES
                            + " stop sequences, got "
                            + stop.get().size());
        }
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < stop.get().size(); i++) {
            JsonNode item = stop.get().get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw AnthropicException.invalid(
                        "stop_sequences." + i,
                        "each stop sequence must contain non-whitespace" + " text");
            }
            stops.add(item.textValue());
        }
        return stops;
    }
}
