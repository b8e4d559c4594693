package dev.parley.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI {@code messages} to Converse turns. system and developer messages become the system
 * prompt; an assistant's {@code tool_calls} become toolUse blocks (ids kept, {@code arguments}
 * parsed into the input object); consecutive {@code tool} messages become one user turn of
 * toolResults. A client's transcript is checked rather than silently cut: a tool message that
 * answers no preceding tool call, or a tool call left unanswered, is a 400, as on OpenAI.
 * Adjacent turns of one role are merged (Converse needs alternation) and leading assistant turns
 * are dropped (Converse starts with a user turn); neither loses what the model reads.
 */
public final class MessageMapper {
    private static final Map<String, String> IMAGE_FORMATS =
            Map.of(
                    "image/png",
                    "png",
                    "image/jpeg",
                    "jpeg",
                    "image/jpg",
                    "jpeg",
                    "image/gif",
                    "gif",
                    "image/webp",
                    "webp");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Transcript(Optional<String> system, List<ChatMessage> messages) {}

    private MessageMapper() {}

    static Transcript map(JsonNode messages, ModelSpec model) {
        if (messages == null || messages.isNull()) {
            throw OpenAiException.invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw Params.wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw OpenAiException.invalid(
                    "messages",
                    "Invalid 'messages': empty array. Expected an array with"
                            + " minimum length 1, but got an empty array instead.");
        }
        List<String> system = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        Set<String> pendingCalls = new LinkedHashSet<>();
        int pendingFrom = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String path = "messages[" + i + "]";
            if (!message.isObject()) {
                throw Params.wrongType(path, "an object", message);
            }
            String role = Params.requiredString(message, "role", path + ".role");
            if (!role.equals("tool") && !pendingCalls.isEmpty()) {
                throw unanswered(pendingFrom, pendingCalls);
            }
            switch (role) {
                case "system", "developer" -> system.add(text(message, path, false));
                case "user" ->
                        turns.add(new ChatMessage(Role.USER, userContent(message, path, model)));
                case "assistant" -> {
                    ChatMessage assistant = assistant(message, path);
                    turns.add(assistant);
                    assistant
                            .content()
                            .forEach(
                                    block -> {
                                        if (block instanceof ContentBlock.ToolUse use) {
                                            pendingCalls.add(use.toolUseId());
                                        }
                                    });
                    pendingFrom = i;
                }
                case "tool" -> {
                    String clientId =
                            Params.requiredString(message, "tool_call_id", path + ".tool_call_id");
                    String id = ToolCallIds.forBedrock(clientId);
                    if (!pendingCalls.remove(id)) {
                        throw OpenAiException.invalid(
                                path + ".role",
                                "Invalid parameter: messages with role 'tool'"
                                        + " must be a response to a preceding message with 'tool_calls'; no tool call with"
                                        + " id '"
                                        + clientId
                                        + "' is waiting for an answer.");
                    }
                    ContentBlock result =
                            new ContentBlock.ToolResult(
                                    id,
                                    ContentBlock.ToolResult.Status.SUCCESS,
                                    JsonNodeFactory.instance
                                            .arrayNode()
                                            .add(
                                                    JsonNodeFactory.instance
                                                            .objectNode()
                                                            .put(
                                                                    "text",
                                                                    orPlaceholder(
                                                                            text(
                                                                                    message, path,
                                                                                    true)))));
                    turns.add(new ChatMessage(Role.USER, List.of(result)));
                }
                default ->
                        throw OpenAiException.invalid(
                                path + ".role",
                                "Invalid value: '"
                                        + role
                                        + "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.");
            }
        }
        if (!pendingCalls.isEmpty()) {
            throw unanswered(pendingFrom, pendingCalls);
        }
        List<ChatMessage> ordered = TurnOrder.repair(turns);
        if (ordered.isEmpty()) {
            throw OpenAiException.invalid(
                    "messages",
                    "Invalid 'messages': at least one message with role 'user'" + " is required.");
        }
        return new Transcript(
                system.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", system)),
                ordered);
    }

    private static OpenAiException unanswered(int assistantIndex, Set<String> ids) {
        return OpenAiException.invalid(
                "messages[" + assistantIndex + "].tool_calls",
                "An assistant message with"
                        + " 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following"
                        + " tool_call_ids did not have response messages: "
                        + String.join(", ", ids));
    }

    /** The text of a message whose content is a string or text parts (system, developer, tool). */
    private static String text(JsonNode message, String path, boolean allowEmpty) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            if (allowEmpty) {
                return "";
            }
            throw OpenAiException.invalid(
                    path + ".content", "Missing required parameter: '" + path + ".content'.");
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw Params.wrongType(
                    path + ".content", "a string or an array of content parts", content);
        }
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            String partPath = path + ".content[" + j + "]";
            JsonNode part = content.get(j);
            String type = Params.requiredString(part, "type", partPath + ".type");
            if (!type.equals("text")) {
                throw OpenAiException.invalid(
                        partPath + ".type",
                        "Invalid value: '"
                                + type
                                + "'. Messages with role '"
                                + message.path("role").asText()
                                + "' take only 'text' content parts.");
            }
            out.append(Params.requiredString(part, "text", partPath + ".text"));
        }
        return out.toString();
    }

    private static List<ContentBlock> userContent(JsonNode message, String path, ModelSpec model) {
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            List<ContentBlock> blocks = new ArrayList<>();
            for (int j = 0; j < content.size(); j++) {
                String partPath = path + ".content[" + j + "]";
                JsonNode part = content.get(j);
                String type = Params.requiredString(part, "type", partPath + ".type");
                switch (type) {
                    case "text" ->
                            blocks.add(
                                    new ContentBlock.Text(
                                            Params.requiredString(
                                                    part, "text", partPath + ".text")));
                    case "image_url" -> blocks.add(image(part, partPath, model));
                    default ->
                            throw OpenAiException.unsupported(
                                    partPath + ".type",
                                    "Invalid value: '"
                                            + type
                                            + "'. Parley accepts 'text' and 'image_url' content parts.");
                }
            }
            if (blocks.isEmpty()) {
                throw OpenAiException.invalid(
                        path + ".content", "Invalid '" + path + ".content': empty array.");
            }
            return blocks;
        }
        return List.of(new ContentBlock.Text(text(message, path, false)));
    }

    private static ContentBlock image(JsonNode part, String path, ModelSpec model) {
        JsonNode imageUrl = part.get("image_url");
        String url =
                imageUrl != null && imageUrl.isTextual()
                        ? imageUrl.textValue()
                        : imageUrl == null
                                ? null
                                : Params.requiredString(imageUrl, "url", path + ".image_url.url");
        if (url == null) {
            throw OpenAiException.invalid(
                    path + ".image_url", "Missing required parameter: '" + path + ".image_url'.");
        }
        return dataUrlImage(url, path + ".image_url.url", path, model);
    }

    /** An image given as a data URL ({@code data:image/png;base64,...}); Parley fetches no remote URLs. */
    public static ContentBlock dataUrlImage(
            String url, String urlPath, String path, ModelSpec model) {
        if (!model.capabilities().vision()) {
            throw OpenAiException.unsupported(
                    path,
                    "Model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not read images; send text only or choose a model with vision (see GET /openai/v1/models"
                            + " and /v1/models).");
        }
        if (!url.startsWith("data:")) {
            throw OpenAiException.unsupported(
                    urlPath,
                    "Parley accepts images as data URLs"
                            + " (data:image/png;base64,...) only; it does not fetch remote URLs.");
        }
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw OpenAiException.invalid(
                    urlPath,
                    "Invalid image data URL: expected" + " data:<media type>;base64,<data>.");
        }
        String mediaType = header.substring(0, header.length() - ";base64".length());
        String format = IMAGE_FORMATS.get(mediaType);
        if (format == null) {
            throw OpenAiException.unsupported(
                    urlPath,
                    "Unsupported image type '"
                            + mediaType
                            + "'; use image/png, image/jpeg, image/gif or image/webp.");
        }
        try {
            return new ContentBlock.Image(
                    format, Base64.getMimeDecoder().decode(url.substring(comma + 1)));
        } catch (IllegalArgumentException e) {
            throw OpenAiException.invalid(
                    urlPath, "Invalid image data URL: the data is not valid base64.");
        }
    }

    private static ChatMessage assistant(JsonNode message, String path) {
        List<ContentBlock> blocks = new ArrayList<>();
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                String partPath = path + ".content[" + j + "]";
                String type = Params.requiredString(part, "type", partPath + ".type");
                if (type.equals("text") || type.equals("refusal")) {
                    String text = Params.requiredString(part, type, partPath + "." + type);
                    if (!text.isBlank()) {
                        blocks.add(new ContentBlock.Text(text));
                    }
                } else {
                    throw OpenAiException.invalid(
                            partPath + ".type",
                            "Invalid value: '"
                                    + type
                                    + "'. Assistant messages take 'text' and 'refusal' content parts.");
                }
            }
        } else if (content != null && !content.isNull()) {
            String text = text(message, path, true);
            if (!text.isBlank()) {
                blocks.add(new ContentBlock.Text(text));
            }
        }
        Optional<JsonNode> calls = Params.present(message, "tool_calls");
        if (calls.isPresent()) {
            if (!calls.get().isArray()) {
                throw Params.wrongType(path + ".tool_calls", "an array", calls.get());
            }
            for (int j = 0; j < calls.get().size(); j++) {
                blocks.add(toolUse(calls.get().get(j), path + ".tool_calls[" + j + "]"));
            }
        }
        if (blocks.isEmpty()) {
            throw OpenAiException.invalid(
                    path + ".content",
                    "Invalid '"
                            + path
                            + "': an assistant message needs"
                            + " 'content' or 'tool_calls'.");
        }
        return new ChatMessage(Role.ASSISTANT, blocks);
    }

    private static ContentBlock toolUse(JsonNode call, String path) {
        String id = Params.requiredString(call, "id", path + ".id");
        String type = Params.string(call, "type", path + ".type").orElse("function");
        if (!type.equals("function")) {
            throw OpenAiException.invalid(
                    path + ".type",
                    "Invalid value: '" + type + "'. Supported values are: 'function'.");
        }
        JsonNode function = call.get("function");
        if (function == null || !function.isObject()) {
            throw OpenAiException.invalid(
                    path + ".function", "Missing required parameter: '" + path + ".function'.");
        }
        String name = Params.requiredString(function, "name", path + ".function.name");
        if (!ToolMapper.validName(name)) {
            // Bedrock refuses a toolUse name outside ToolName's pattern; OpenAI's own rule is the
            // same.
            throw OpenAiException.invalid(
                    path + ".function.name",
                    "Invalid '"
                            + path
                            + ".function.name': string does"
                            + " not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
        }
        String arguments =
                Params.string(function, "arguments", path + ".function.arguments").orElse("");
        return new ContentBlock.ToolUse(
                ToolCallIds.forBedrock(id),
                name,
                arguments(arguments, path + ".function.arguments"));
    }

    /** A tool call's {@code arguments}, a JSON string, as the object Converse's {@code input} is. */
    public static JsonNode arguments(String arguments, String path) {
        if (arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode input;
        try {
            input = JSON.readTree(arguments);
        } catch (java.io.IOException e) {
            throw OpenAiException.invalid(
                    path,
                    "Invalid '"
                            + path
                            + "': not valid JSON. Tool call arguments must be"
                            + " a JSON object serialized as a string.");
        }
        if (input == null || !input.isObject()) {
            throw OpenAiException.invalid(
                    path,
                    "Invalid '"
                            + path
                            + "': must be a JSON object serialized as a string,"
                            + " not "
                            + (input == null ? "nothing" : Params.typeName(input))
                            + ".");
        }
        return input;
    }

    /** Converse refuses blank text; an empty tool answer still has to say something. */
    private static String orPlaceholder(String text) {
        return text.isBlank() ? "(no output)" : text;
    }
}
