package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request rules Bedrock enforces on Converse / ConverseStream before any model runs. Each
 * failure is a ValidationException carrying Bedrock's wording where it is publicly known (quoted
 * in issue trackers of SDKs and frameworks that hit them); the rest follow the same style.
 */
final class ConverseValidator {

    private ConverseValidator() {}

    static void validate(JsonNode body, ModelCatalog.ModelSpec spec) {
        checkConstraints(body);
        checkMaxTokens(body.path("inferenceConfig").path("maxTokens"), spec);
        checkSampling(
                body.path("inferenceConfig").has("temperature")
                        && body.path("inferenceConfig").has("topP"),
                spec,
                "The model returned the following errors: ");
        Thinking.checkDefaultSampling(
                body.path("inferenceConfig").has("temperature"),
                body.path("inferenceConfig").has("topP"),
                body.path("additionalModelRequestFields").has("top_k"),
                spec);
        JsonNode messages = body.get("messages");
        checkTurns(messages);
        ContentRules.check(body);
        checkToolBlocks(messages, body.get("toolConfig"));
        ContextWindow.check(body, spec);
    }

    /** Bedrock's limit on output tokens for the model; the same text serves every API. */
    static void checkMaxTokens(JsonNode maxTokens, ModelCatalog.ModelSpec spec) {
        int limit = spec.maxOutputTokens();
        if (maxTokens.isNumber() && maxTokens.asLong() > limit) {
            throw BedrockFault.validation(
                    "The maximum tokens you requested exceeds the model limit of "
                            + limit
                            + ". Try again with a maximum tokens value that is lower than "
                            + limit
                            + ".");
        }
    }

    /** Claude 4.5 models take temperature or top-p, not both (Anthropic's wording, passed on by Bedrock). */
    static void checkSampling(boolean both, ModelCatalog.ModelSpec spec, String prefix) {
        if (both && spec.oneSamplingParameter()) {
            throw BedrockFault.validation(
                    prefix
                            + "`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
        }
    }

    /**
     * Model-level constraints (required members, enums, ranges) answer in the AWS service
     * framework's format: "1 validation error detected: Value 'x' at 'path' failed to satisfy
     * constraint: ...", all violations joined by "; ".
     */
    private static void checkConstraints(JsonNode body) {
        List<String> errors = new ArrayList<>();
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            errors.add(
                    "Value null at 'messages' failed to satisfy constraint: Member must not be null");
        } else if (!messages.isArray()) {
            throw BedrockFault.validation("Malformed request body: 'messages' must be a list.");
        } else {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                String role = Json.string(message, "role");
                if (!"user".equals(role) && !"assistant".equals(role)) {
                    errors.add(
                            "Value "
                                    + quoted(message.get("role"))
                                    + " at 'messages."
                                    + (i + 1)
                                    + ".member.role' failed to satisfy constraint: Member must satisfy enum value set:"
                                    + " [user, assistant]");
                }
                if (!message.path("content").isArray()) {
                    errors.add(
                            "Value null at 'messages."
                                    + (i + 1)
                                    + ".member.content' failed to satisfy constraint: Member must not be null");
                }
            }
        }
        JsonNode inference = body.path("inferenceConfig");
        range(errors, inference.get("maxTokens"), "inferenceConfig.maxTokens", 1, null);
        range(errors, inference.get("temperature"), "inferenceConfig.temperature", 0, 1);
        range(errors, inference.get("topP"), "inferenceConfig.topP", 0, 1);
        JsonNode tools = body.path("toolConfig").get("tools");
        if (body.has("toolConfig") && (tools == null || !tools.isArray() || tools.isEmpty())) {
            errors.add(
                    "Value "
                            + quoted(tools)
                            + " at 'toolConfig.tools' failed to satisfy constraint:"
                            + " Member must have length greater than or equal to 1");
        }
        if (!errors.isEmpty()) {
            throw BedrockFault.validation(
                    errors.size()
                            + " validation error"
                            + (errors.size() == 1 ? "" : "s")
                            + " detected: "
                            + String.join("; ", errors));
        }
    }

    private static void range(
            List<String> errors, JsonNode value, String path, double min, Integer max) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || value.asDouble() < min) {
            errors.add(
                    "Value "
                            + quoted(value)
                            + " at '"
                            + path
                            + "' failed to satisfy constraint:"
                            + " Member must have value greater than or equal to "
                            + (long) min);
        } else if (max != null && value.asDouble() > max) {
            errors.add(
                    "Value "
                            + quoted(value)
                            + " at '"
                            + path
                            + "' failed to satisfy constraint:"
                            + " Member must have value less than or equal to "
                            + max);
        }
    }

    private static String quoted(JsonNode value) {
        return value == null || value.isNull()
                ? "null"
                : "'" + (value.isTextual() ? value.asText() : value) + "'";
    }

    /** Order and content of the turns (indexes in messages are 0-based, as Bedrock prints them). */
    private static void checkTurns(JsonNode messages) {
        if (messages.isEmpty() || !"user".equals(messages.get(0).path("role").asText())) {
            throw BedrockFault.validation(
                    "A conversation must start with a user message."
                            + " Try again with a conversation that starts with a user message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if (content.isEmpty()) {
                throw BedrockFault.validation(
                        "The content field in the Message object at messages."
                                + i
                                + " is empty. Add a ContentBlock object to the content field and try again.");
            }
            for (int j = 0; j < content.size(); j++) {
                JsonNode text = content.get(j).get("text");
                if (text != null && (!text.isTextual() || text.asText().isBlank())) {
                    throw BedrockFault.validation(
                            "The text field in the ContentBlock object at messages."
                                    + i
                                    + ".content."
                                    + j
                                    + " is blank. Add text to the text field, and try again.");
                }
            }
        }
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i)
                    .path("role")
                    .asText()
                    .equals(messages.get(i - 1).path("role").asText())) {
                throw BedrockFault.validation(
                        "A conversation must alternate between user and assistant roles."
                                + " Make sure the conversation alternates between user and assistant roles and try again.");
            }
        }
    }

    /** Tool blocks need a toolConfig, and every toolResult answers a toolUse of the turn before. */
    private static void checkToolBlocks(JsonNode messages, JsonNode toolConfig) {
        boolean anyToolBlock = false;
        for (JsonNode message : messages) {
            for (JsonNode block : message.path("content")) {
                anyToolBlock |= block.has("toolUse") || block.has("toolResult");
            }
        }
        if (anyToolBlock && (toolConfig == null || toolConfig.isNull())) {
            throw BedrockFault.validation(
                    "The toolConfig field must be defined when using toolUse and toolResult content blocks.");
        }
        for (int i = 1; i < messages.size(); i++) {
            if (!"user".equals(messages.get(i).path("role").asText())) {
                continue;
            }
            Set<String> uses = ids(messages.get(i - 1), "toolUse");
            Set<String> results = ids(messages.get(i), "toolResult");
            if (results.isEmpty() && uses.isEmpty()) {
                continue;
            }
            if (results.size() > uses.size()) {
                throw BedrockFault.validation(
                        "The number of toolResult blocks at messages."
                                + i
                                + ".content exceeds the number of toolUse blocks of previous turn.");
            }
            for (String id : results) {
                if (!uses.contains(id)) {
                    throw BedrockFault.validation(
                            "The toolResult block at messages."
                                    + i
                                    + ".content has toolUseId "
                                    + id
                                    + ", which does not match any toolUse block of the previous turn.");
                }
            }
            uses.removeAll(results);
            if (!uses.isEmpty()) {
                throw BedrockFault.validation(
                        "Expected toolResult blocks at messages."
                                + i
                                + ".content for the following Ids: "
                                + String.join(", ", uses));
            }
        }
    }

    private static Set<String> ids(JsonNode message, String blockType) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode block : message.path("content")) {
            JsonNode inner = block.get(blockType);
            if (inner != null) {
                ids.add(inner.path("toolUseId").asText());
            }
        }
        return ids;
    }
}
