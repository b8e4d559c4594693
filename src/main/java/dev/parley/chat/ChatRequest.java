package dev.parley.chat;

import dev.parley.http.JsonFields;
import dev.parley.http.ModelCallFields;
import dev.parley.modelcall.InferenceSettings;
import dev.parley.modelcall.ServiceTier;
import dev.parley.structured.ResponseFormat;
import dev.parley.structured.ResponseFormatField;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/chat} body (and the WebSocket chat action), validated. {@code reasoningBudget}
 * is {@code reasoning.budgetTokens}: extended thinking, on the models that offer it;
 * {@code responseFormat} asks for a JSON answer of a given schema (structured/).
 */
public record ChatRequest(
        Optional<String> conversationId,
        String message,
        Optional<String> model,
        Optional<String> system,
        InferenceSettings inference,
        Optional<List<String>> tools,
        Optional<String> toolChoice,
        Optional<Integer> reasoningBudget,
        Optional<ResponseFormat> responseFormat,
        Optional<ServiceTier> serviceTier) {

    public ChatRequest {
        serviceTier = serviceTier == null ? Optional.empty() : serviceTier;
    }

    public ChatRequest(
            Optional<String> conversationId,
            String message,
            Optional<String> model,
            Optional<String> system,
            InferenceSettings inference,
            Optional<List<String>> tools,
            Optional<String> toolChoice,
            Optional<Integer> reasoningBudget,
            Optional<ResponseFormat> responseFormat) {
        this(
                conversationId,
                message,
                model,
                system,
                inference,
                tools,
                toolChoice,
                reasoningBudget,
                responseFormat,
                Optional.empty());
    }

    public ChatRequest(
            Optional<String> conversationId,
            String message,
            Optional<String> model,
            Optional<String> system,
            InferenceSettings inference,
            Optional<List<String>> tools,
            Optional<String> toolChoice,
            Optional<Integer> reasoningBudget) {
        this(
                conversationId,
                message,
                model,
                system,
                inference,
                tools,
                toolChoice,
                reasoningBudget,
                Optional.empty());
    }

    public ChatRequest(
            Optional<String> conversationId,
            String message,
            Optional<String> model,
            Optional<String> system,
            InferenceSettings inference,
            Optional<List<String>> tools,
            Optional<String> toolChoice) {
        this(
                conversationId,
                message,
                model,
                system,
                inference,
                tools,
                toolChoice,
                Optional.empty());
    }

    /** A turn without tools. */
    public ChatRequest(
            Optional<String> conversationId,
            String message,
            Optional<String> model,
            Optional<String> system,
            InferenceSettings inference) {
        this(conversationId, message, model, system, inference, Optional.empty(), Optional.empty());
    }

    /** The top-level fields {@link #from} reads; others are named in a warning ({@code http/UnknownFields}). */
    public static final Set<String> FIELDS =
            Set.of(
                    "conversationId",
                    "message",
                    "system",
                    "model",
                    "inferenceConfig",
                    "tools",
                    "toolChoice",
                    "reasoning",
                    "responseFormat",
                    "serviceTier");

    public static ChatRequest from(JsonFields body, int maxTextChars) {
        Optional<String> conversationId = body.optionalString("conversationId");
        conversationId.ifPresent(
                id -> ConversationIds.requireValid(id, body.path("conversationId")));
        String message = body.requiredText("message", maxTextChars);
        Optional<String> system = body.optionalString("system");
        if (system.isPresent() && system.get().length() > maxTextChars) {
            throw dev.parley.error.ParleyException.tooLarge(
                    "system is "
                            + system.get().length()
                            + " characters; the limit is "
                            + maxTextChars);
        }
        return new ChatRequest(
                conversationId,
                message,
                body.optionalString("model"),
                system,
                ModelCallFields.inference(body),
                body.optionalStringList("tools"),
                body.optionalString("toolChoice"),
                ModelCallFields.reasoningBudget(body),
                ResponseFormatField.read(body),
                ModelCallFields.serviceTier(body));
    }
}
