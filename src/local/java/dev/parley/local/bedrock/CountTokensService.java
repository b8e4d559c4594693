package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.modelcall.ModelFeatures;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /model/{modelId}/count-tokens} (CountTokens): the input tokens a Converse or
 * InvokeModel request would be charged, counted as the emulator's Converse counts them, so a
 * count matches the usage of the same call. Bedrock's rules as documented and reported:
 * <ul>
 * <li>the model is a foundation model id (API reference: "The unique identifier or ARN of the
 * foundation model"); an inference profile id is refused as a model that does not count
 * (alchemy.run's CountTokens notes: "cross-region inference-profile ids are rejected");</li>
 * <li>only some models count: Amazon Nova does not, nor "some Anthropic Claude models – including
 * those that launch with cross-Region inference (CRIS) only" (Bedrock user guide, Count tokens),
 * which the emulator reads as the Claude models from 4.6 on, the adaptive-thinking generation
 * (maximhq/bifrost#2169 reports Sonnet 4.6 refused); Bedrock's refusal is a ValidationException
 * "The provided model doesn't support counting tokens." (bifrost#2169, strands-agents#999);</li>
 * <li>{@code input} is a union: exactly one of {@code converse} and {@code invokeModel}.</li>
 * </ul>
 */
final class CountTokensService {
    static final String UNSUPPORTED = "The provided model doesn't support counting tokens.";

    void handle(HttpExchange exchange, String modelId, byte[] body) throws IOException {
        ModelCatalog.ModelSpec spec = countingModel(modelId);
        JsonNode input = Json.parseObject(body).path("input");
        boolean converse = input.has("converse");
        boolean invoke = input.has("invokeModel");
        if (converse == invoke) {
            throw BedrockFault.validation(
                    "1 validation error detected: Value at 'input' failed to satisfy constraint:"
                            + " exactly one of converse or invokeModel must be set");
        }
        int tokens;
        if (converse) {
            JsonNode request = input.get("converse");
            if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
                throw BedrockFault.validation(
                        "1 validation error detected: Value at 'input.converse.messages' failed"
                                + " to satisfy constraint: Member must not be null");
            }
            ConverseValidator.validate(request, spec);
            tokens = DeterministicModel.inputTokens(Conversation.fromConverse(request));
            // Tool definitions are part of the prompt the model reads.
            tokens +=
                    request.has("toolConfig")
                            ? Text.tokens(request.get("toolConfig").toString())
                            : 0;
        } else {
            String encoded = input.get("invokeModel").path("body").asText("");
            tokens =
                    Math.max(
                            1,
                            Text.tokens(
                                    new String(
                                            Base64.getDecoder().decode(encoded),
                                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpIo.json(exchange, 200, Json.object().put("inputTokens", tokens), Map.of());
    }

    /** A foundation model that counts tokens, or Bedrock's refusal. */
    private static ModelCatalog.ModelSpec countingModel(String modelId) {
        String id =
                modelId.startsWith("arn:") ? modelId.substring(modelId.indexOf('/') + 1) : modelId;
        boolean profile = modelId.contains(":inference-profile/") || ModelCatalog.isProfileId(id);
        if (profile) {
            throw BedrockFault.validation(UNSUPPORTED);
        }
        ModelCatalog.ModelSpec spec =
                ModelCatalog.byBaseId(id)
                        .orElseThrow(
                                () ->
                                        BedrockFault.validation(
                                                "The provided model identifier is invalid."));
        ModelFeatures.Reasoning reasoning = spec.features().reasoning();
        if (spec.provider() != ModelCatalog.Provider.ANTHROPIC || reasoning.adaptive()) {
            throw BedrockFault.validation(UNSUPPORTED);
        }
        return spec;
    }
}
