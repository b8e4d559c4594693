package dev.parley.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelSpec;
import dev.parley.openai.MessageMapper;
import dev.parley.openai.OpenAiException;
import dev.parley.openai.Params;
import dev.parley.openai.TurnOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A response's {@code input} (a string, or items) as Converse turns. Items: messages (roles user,
 * assistant, system, developer; text and image parts), {@code function_call} (a toolUse, arguments
 * parsed), {@code function_call_output} (a toolResult), {@code reasoning} (its {@code
 * encrypted_content} opened back into the signed reasoning block Bedrock needs; a reasoning item
 * without it is left out, since Bedrock cannot take reasoning without its signature). Checked as
 * OpenAI checks them: an output for no earlier call, or a call left without output, is a 400.
 * Reasoning is kept only in assistant turns that call tools (the one place Bedrock takes it back).
 */
final class InputItems {

    record Transcript(Optional<String> system, List<ChatMessage> messages) {}

    private InputItems() {}

    /** {@code input} as a list of items; a string is one user message. */
    static ArrayNode normalize(JsonNode input) {
        if (input == null || input.isNull()) {
            throw OpenAiException.invalid("input", "Missing required parameter: 'input'.");
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        if (input.isTextual()) {
            if (input.textValue().isBlank()) {
                throw OpenAiException.invalid(
                        "input", "Invalid 'input': empty string. Expected a non-empty string.");
            }
            items.addObject()
                    .put("type", "message")
                    .put("role", "user")
                    .putArray("content")
                    .addObject()
                    .put("type", "input_text")
                    .put("text", input.textValue());
            return items;
        }
        if (!input.isArray()) {
            throw Params.wrongType("input", "a string or an array of input items", input);
        }
        if (input.isEmpty()) {
            throw OpenAiException.invalid(
                    "input",
                    "Invalid 'input': empty array. Expected an array with minimum"
                            + " length 1, but got an empty array instead.");
        }
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isObject()) {
                throw Params.wrongType("input[" + i + "]", "an object", input.get(i));
            }
            items.add(input.get(i));
        }
        return items;
    }

    /**
     * The turns of {@code items}; those before {@code newFrom} came from the previous response
     * (named {@code previous_response_id} in errors), the rest from this request's {@code input}.
     */
    static Transcript map(
            ArrayNode items, int newFrom, ModelSpec model, ReasoningSeal seal, String owner) {
        List<String> system = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        Map<String, String> pending = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = i < newFrom ? "previous_response_id" : "input[" + (i - newFrom) + "]";
            String type = Params.string(item, "type", path + ".type").orElse("message");
            switch (type) {
                case "message" -> message(item, path, model, system, turns);
                case "function_call" -> {
                    String callId = Params.requiredString(item, "call_id", path + ".call_id");
                    String name = Params.requiredString(item, "name", path + ".name");
                    String arguments =
                            Params.string(item, "arguments", path + ".arguments").orElse("");
                    turns.add(
                            new ChatMessage(
                                    Role.ASSISTANT,
                                    List.of(
                                            new ContentBlock.ToolUse(
                                                    callId,
                                                    name,
                                                    MessageMapper.arguments(
                                                            arguments, path + ".arguments")))));
                    pending.put(callId, path);
                }
                case "function_call_output" -> {
                    String callId = Params.requiredString(item, "call_id", path + ".call_id");
                    if (pending.remove(callId) == null) {
                        throw OpenAiException.invalid(
                                path + ".call_id",
                                "No tool call found for function call output"
                                        + " with call_id "
                                        + callId
                                        + ".");
                    }
                    turns.add(
                            new ChatMessage(
                                    Role.USER,
                                    List.of(
                                            new ContentBlock.ToolResult(
                                                    callId,
                                                    ContentBlock.ToolResult.Status.SUCCESS,
                                                    JsonNodeFactory.instance
                                                            .arrayNode()
                                                            .add(
                                                                    JsonNodeFactory.instance
                                                                            .objectNode()
                                                                            .put(
                                                                                    "text",
                                                                                    output(
                                                                                            item,
                                                                                            path)))))));
                }
                case "reasoning" ->
                        Params.string(item, "encrypted_content", path + ".encrypted_content")
                                .ifPresent(
                                        encrypted ->
                                                turns.add(
                                                        new ChatMessage(
                                                                Role.ASSISTANT,
                                                                List.of(
                                                                        seal.open(
                                                                                encrypted,
                                                                                owner,
                                                                                path
                                                                                        + ".encrypted_content")))));
                default ->
                        throw OpenAiException.unsupported(
                                path + ".type",
                                "Invalid value: '"
                                        + type
                                        + "'. Parley"
                                        + " takes input items of type 'message', 'function_call', 'function_call_output' and"
                                        + " 'reasoning'.");
            }
        }
        if (!pending.isEmpty()) {
            String first = pending.keySet().iterator().next();
            throw OpenAiException.invalid(
                    pending.get(first), "No tool output found for function call " + first + ".");
        }
        List<ChatMessage> ordered = keepReasoningInToolTurns(TurnOrder.repair(turns));
        if (ordered.isEmpty()) {
            throw OpenAiException.invalid(
                    "input", "Invalid 'input': at least one user message is required.");
        }
        return new Transcript(
                system.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", system)),
                ordered);
    }

    private static void message(
            JsonNode item,
            String path,
            ModelSpec model,
            List<String> system,
            List<ChatMessage> turns) {
        String role = Params.requiredString(item, "role", path + ".role");
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw OpenAiException.invalid(
                    path + ".content", "Missing required parameter: '" + path + ".content'.");
        }
        List<ContentBlock> blocks = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.textValue().isBlank()) {
                blocks.add(new ContentBlock.Text(content.textValue()));
            }
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                blocks.add(part(content.get(j), path + ".content[" + j + "]", model));
            }
        } else {
            throw Params.wrongType(
                    path + ".content", "a string or an array of content parts", content);
        }
        switch (role) {
            case "system", "developer" -> {
                StringBuilder text = new StringBuilder();
                for (ContentBlock block : blocks) {
                    if (!(block instanceof ContentBlock.Text t)) {
                        throw OpenAiException.invalid(
                                path + ".content",
                                "Messages with role '" + role + "' take only text.");
                    }
                    text.append(t.text());
                }
                system.add(text.toString());
            }
            case "user", "assistant" -> {
                if (blocks.isEmpty()) {
                    throw OpenAiException.invalid(
                            path + ".content", "Invalid '" + path + ".content': empty.");
                }
                turns.add(
                        new ChatMessage(role.equals("user") ? Role.USER : Role.ASSISTANT, blocks));
            }
            default ->
                    throw OpenAiException.invalid(
                            path + ".role",
                            "Invalid value: '"
                                    + role
                                    + "'. Supported values are: 'user', 'assistant', 'system' and 'developer'.");
        }
    }

    private static ContentBlock part(JsonNode part, String path, ModelSpec model) {
        if (!part.isObject()) {
            throw Params.wrongType(path, "an object", part);
        }
        String type = Params.requiredString(part, "type", path + ".type");
        return switch (type) {
            case "input_text", "output_text", "text" ->
                    new ContentBlock.Text(Params.requiredString(part, "text", path + ".text"));
            case "refusal" ->
                    new ContentBlock.Text(
                            Params.requiredString(part, "refusal", path + ".refusal"));
            case "input_image" -> {
                String url =
                        Params.string(part, "image_url", path + ".image_url")
                                .orElseThrow(
                                        () ->
                                                OpenAiException.unsupported(
                                                        path + ".image_url",
                                                        "Parley takes images as 'image_url' data URLs;"
                                                                + " 'file_id' is not supported."));
                yield MessageMapper.dataUrlImage(url, path + ".image_url", path, model);
            }
            default ->
                    throw OpenAiException.unsupported(
                            path + ".type",
                            "Invalid value: '"
                                    + type
                                    + "'. Parley takes"
                                    + " content parts of type 'input_text', 'input_image' and 'output_text'.");
        };
    }

    /** A function_call_output's {@code output}: a string, or text parts joined. */
    private static String output(JsonNode item, String path) {
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) {
            throw OpenAiException.invalid(
                    path + ".output", "Missing required parameter: '" + path + ".output'.");
        }
        String text;
        if (output.isTextual()) {
            text = output.textValue();
        } else if (output.isArray()) {
            StringBuilder joined = new StringBuilder();
            output.forEach(part -> joined.append(part.path("text").asText("")));
            text = joined.toString();
        } else {
            throw Params.wrongType(
                    path + ".output", "a string or an array of content parts", output);
        }
        return text.isBlank() ? "(no output)" : text;
    }

    private static List<ChatMessage> keepReasoningInToolTurns(List<ChatMessage> turns) {
        List<ChatMessage> kept = new ArrayList<>();
        for (ChatMessage turn : turns) {
            boolean callsTools =
                    turn.content().stream().anyMatch(ContentBlock.ToolUse.class::isInstance);
            ChatMessage cleaned = callsTools ? turn : turn.withoutReasoning();
            if (!cleaned.content().isEmpty()) {
                kept.add(cleaned);
            }
        }
        return kept;
    }
}
