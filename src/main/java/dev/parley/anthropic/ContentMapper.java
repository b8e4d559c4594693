package dev.parley.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.modelcall.ChatMessage;
import dev.parley.modelcall.ChatMessage.Role;
import dev.parley.modelcall.ContentBlock;
import dev.parley.modelcall.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Anthropic {@code messages} to Converse turns, checked as Anthropic checks them: every
 * {@code tool_result} answers a {@code tool_use} of the message before it, every {@code tool_use}
 * is answered in the next message, blocks belong to the role that may send them. Consecutive
 * turns of one role are merged (Anthropic does the same; Converse needs alternation). Thinking
 * blocks go back to Bedrock with their signatures unchanged when the request thinks, and are left
 * out when it does not (Anthropic ignores earlier turns' thinking then too). A block with
 * {@code cache_control} marks where the client wants a cache point.
 */
final class ContentMapper {

    /** The mapped turns, the index of the last turn with a cache_control block (-1: none), and a 1h ttl asked for. */
    record Turns(
            List<ChatMessage> messages, int cachedMessage, boolean oneHour, boolean toolBlocks) {}

    private final ModelSpec model;
    private final boolean thinking;
    private final List<ChatMessage> turns = new ArrayList<>();
    private int cachedMessage = -1;
    private boolean oneHour;
    private boolean toolBlocks;
    private int images;

    private ContentMapper(ModelSpec model, boolean thinking) {
        this.model = model;
        this.thinking = thinking;
    }

    static Turns map(JsonNode messages, ModelSpec model, boolean thinking) {
        if (messages == null || messages.isNull()) {
            throw Fields.missing("messages");
        }
        Fields.array(messages, "messages");
        if (messages.isEmpty()) {
            throw AnthropicException.invalid("messages", "at least one message is required");
        }
        ContentMapper mapper = new ContentMapper(model, thinking);
        Set<String> pending = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            pending = mapper.message(messages.get(i), i, pending);
        }
        if (mapper.turns.get(0).role() != Role.USER) {
            throw AnthropicException.invalid(
                    "messages.0.role", "the first message must use the \"user\" role");
        }
        return new Turns(mapper.turns, mapper.cachedMessage, mapper.oneHour, mapper.toolBlocks);
    }

    /** Maps message {@code i}; returns the tool_use ids the next message must answer. */
    private Set<String> message(JsonNode message, int i, Set<String> pending) {
        String path = "messages." + i;
        Fields.object(message, path);
        String roleName = Fields.requiredString(message, "role", path);
        Role role =
                switch (roleName) {
                    case "user" -> Role.USER;
                    case "assistant" -> Role.ASSISTANT;
                    default ->
                            throw AnthropicException.invalid(
                                    path + ".role", "Input should be 'user' or 'assistant'");
                };
        JsonNode content =
                Fields.present(message, "content")
                        .orElseThrow(() -> Fields.missing(path + ".content"));
        List<ContentBlock> blocks = new ArrayList<>();
        Set<String> answered = new LinkedHashSet<>();
        Set<String> asked = new LinkedHashSet<>();
        boolean cached = false;
        if (content.isTextual()) {
            blocks.add(
                    new ContentBlock.Text(
                            Fields.READ.nonBlank(content.textValue(), path + ".content")));
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                String blockPath = path + ".content." + j;
                Fields.object(block, blockPath);
                cached |= cacheControl(block, blockPath);
                ContentBlock mapped = block(block, blockPath, role);
                if (mapped instanceof ContentBlock.ToolResult result) {
                    if (!pending.contains(result.toolUseId())) {
                        throw AnthropicException.invalid(
                                blockPath,
                                "unexpected `tool_use_id` found in `tool_result`"
                                        + " blocks: "
                                        + result.toolUseId()
                                        + ". Each `tool_result` block must have a"
                                        + " corresponding `tool_use` block in the previous message.");
                    }
                    answered.add(result.toolUseId());
                } else if (mapped instanceof ContentBlock.ToolUse use) {
                    asked.add(use.toolUseId());
                }
                if (mapped != null) {
                    blocks.add(mapped);
                }
            }
        } else {
            throw Fields.READ.wrongType(
                    path + ".content", "a valid string or list of content blocks", content);
        }
        if (!pending.isEmpty() && !answered.containsAll(pending)) {
            Set<String> missing = new LinkedHashSet<>(pending);
            missing.removeAll(answered);
            throw AnthropicException.invalid(
                    "messages." + (i - 1),
                    "`tool_use` ids were found without `tool_result`"
                            + " blocks immediately after: "
                            + String.join(", ", missing)
                            + ". Each `tool_use` block must have a"
                            + " corresponding `tool_result` block in the next message.");
        }
        if (blocks.isEmpty()) {
            // Only thinking blocks, left out because this request does not think: nothing for the
            // model.
            return asked;
        }
        add(new ChatMessage(role, blocks), cached);
        return asked;
    }

    /** Appends a turn, merged into the previous one when it has the same role. */
    private void add(ChatMessage message, boolean cached) {
        int last = turns.size() - 1;
        if (last >= 0 && turns.get(last).role() == message.role()) {
            List<ContentBlock> merged = new ArrayList<>(turns.get(last).content());
            merged.addAll(message.content());
            turns.set(last, new ChatMessage(message.role(), merged));
        } else {
            turns.add(message);
        }
        if (cached) {
            cachedMessage = turns.size() - 1;
        }
    }

    private ContentBlock block(JsonNode block, String path, Role role) {
        String type = Fields.requiredString(block, "type", path);
        return switch (type) {
            case "text" ->
                    new ContentBlock.Text(Fields.READ.requiredText(block, "text", path + ".text"));
            case "image" -> {
                if (++images > ImageBlocks.MAX_IMAGES) {
                    throw AnthropicException.invalid(
                            path,
                            "more than "
                                    + ImageBlocks.MAX_IMAGES
                                    + " images in one"
                                    + " request; Bedrock's Converse takes at most "
                                    + ImageBlocks.MAX_IMAGES);
                }
                yield ImageBlocks.image(block, path, model);
            }
            case "document" -> document(block, path);
            case "tool_use" -> {
                only(role, Role.ASSISTANT, type, path);
                toolBlocks = true;
                JsonNode input =
                        Fields.present(block, "input")
                                .orElseThrow(() -> Fields.missing(path + ".input"));
                Fields.object(input, path + ".input");
                yield new ContentBlock.ToolUse(
                        Fields.requiredString(block, "id", path),
                        Fields.requiredString(block, "name", path),
                        input);
            }
            case "tool_result" -> {
                only(role, Role.USER, type, path);
                toolBlocks = true;
                boolean error = Fields.bool(block, "is_error", path).orElse(false);
                yield new ContentBlock.ToolResult(
                        Fields.requiredString(block, "tool_use_id", path),
                        error
                                ? ContentBlock.ToolResult.Status.ERROR
                                : ContentBlock.ToolResult.Status.SUCCESS,
                        toolResultContent(block, path));
            }
            case "thinking" -> {
                only(role, Role.ASSISTANT, type, path);
                String text = Fields.requiredString(block, "thinking", path);
                String signature = Fields.requiredString(block, "signature", path);
                yield thinking ? new ContentBlock.Reasoning(text, signature) : null;
            }
            case "redacted_thinking" -> {
                only(role, Role.ASSISTANT, type, path);
                byte[] data =
                        ImageBlocks.decode(
                                Fields.requiredString(block, "data", path), path + ".data");
                yield thinking ? new ContentBlock.RedactedReasoning(data) : null;
            }
            default ->
                    throw AnthropicException.invalid(
                            path + ".type",
                            "'"
                                    + type
                                    + "' blocks are not supported by"
                                    + " Parley; send 'text', 'image', 'document', 'tool_use', 'tool_result', 'thinking' or"
                                    + " 'redacted_thinking'");
        };
    }

    private static void only(Role role, Role allowed, String type, String path) {
        if (role != allowed) {
            throw AnthropicException.invalid(
                    path + ".type",
                    "'"
                            + type
                            + "' blocks may only appear in '"
                            + allowed.name().toLowerCase(java.util.Locale.ROOT)
                            + "' messages");
        }
    }

    /** A tool's answer as Converse tool-result content: text items (an image is named, not forwarded). */
    private static JsonNode toolResultContent(JsonNode block, String path) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        JsonNode content = block.get("content");
        if (content == null || content.isNull()) {
            items.addObject().put("text", "(no output)");
        } else if (content.isTextual()) {
            items.addObject()
                    .put(
                            "text",
                            content.textValue().isBlank() ? "(no output)" : content.textValue());
        } else if (content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                JsonNode item = content.get(k);
                String itemPath = path + ".content." + k;
                String type = Fields.requiredString(item, "type", itemPath);
                switch (type) {
                    case "text" -> {
                        String text = Fields.requiredString(item, "text", itemPath);
                        items.addObject().put("text", text.isBlank() ? "(no output)" : text);
                    }
                    case "image" ->
                            items.addObject()
                                    .put(
                                            "text",
                                            "(an image the tool returned; Parley does not"
                                                    + " forward images inside tool results)");
                    default ->
                            throw AnthropicException.invalid(
                                    itemPath + ".type",
                                    "tool_result content takes 'text'"
                                            + " and 'image' blocks, not '"
                                            + type
                                            + "'");
                }
            }
            if (items.isEmpty()) {
                items.addObject().put("text", "(no output)");
            }
        } else {
            throw Fields.READ.wrongType(
                    path + ".content", "a valid string or list of content blocks", content);
        }
        return items;
    }

    private ContentBlock document(JsonNode block, String path) {
        if (!model.capabilities().documents()) {
            throw AnthropicException.invalid(
                    path,
                    "model "
                            + model.alias()
                            + " ("
                            + model.modelId()
                            + ") does not read"
                            + " documents; send text or choose a model with documents (GET /v1/models)");
        }
        JsonNode source =
                Fields.present(block, "source").orElseThrow(() -> Fields.missing(path + ".source"));
        String type = Fields.requiredString(source, "type", path + ".source");
        String name =
                documentName(
                        Fields.string(block, "title", path)
                                .orElse("document " + path.replace('.', ' ')));
        return switch (type) {
            case "base64" -> {
                String mediaType = Fields.requiredString(source, "media_type", path + ".source");
                if (!mediaType.equals("application/pdf")) {
                    throw AnthropicException.invalid(
                            path + ".source.media_type", "Input should be 'application/pdf'");
                }
                yield new ContentBlock.Document(
                        "pdf",
                        name,
                        ImageBlocks.decode(
                                Fields.requiredString(source, "data", path + ".source"),
                                path + ".source.data"));
            }
            case "text" ->
                    new ContentBlock.Document(
                            "txt",
                            name,
                            Fields.requiredString(source, "data", path + ".source")
                                    .getBytes(StandardCharsets.UTF_8));
            default ->
                    throw AnthropicException.invalid(
                            path + ".source.type",
                            "Parley accepts documents as 'base64'"
                                    + " (PDF) or 'text' sources; it does not fetch '"
                                    + type
                                    + "' sources");
        };
    }

    /** Bedrock's document name: letters, digits, single spaces, hyphens, parentheses and square brackets. */
    private static String documentName(String title) {
        String name =
                title.replaceAll("[^A-Za-z0-9\\-()\\[\\] ]", " ").replaceAll(" +", " ").strip();
        return name.isEmpty() ? "document" : name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** Whether the block carries cache_control (checked: ephemeral, ttl 5m or 1h). */
    private boolean cacheControl(JsonNode block, String path) {
        return CacheControl.read(block, path)
                .map(
                        ttl -> {
                            oneHour |= ttl;
                            return true;
                        })
                .orElse(false);
    }
}
