package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.bedrock.Conversation.ToolChoice;
import dev.parley.local.bedrock.Conversation.ToolResult;
import dev.parley.local.bedrock.Conversation.ToolSpec;
import dev.parley.local.bedrock.Conversation.ToolUse;
import dev.parley.local.bedrock.Conversation.Turn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Anthropic Messages on Bedrock ({@code anthropic_version: bedrock-2023-05-31}). */
final class AnthropicFormat implements NativeFormat {

    private static final Set<String> KEYS =
            Set.of(
                    "anthropic_version",
                    "anthropic_beta",
                    "max_tokens",
                    "messages",
                    "system",
                    "temperature",
                    "top_p",
                    "top_k",
                    "stop_sequences",
                    "tools",
                    "tool_choice",
                    "thinking",
                    "metadata");

    @Override
    public Conversation parse(JsonNode body, ModelCatalog.ModelSpec spec) {
        NativeFormat.requireKeys(body, "anthropic_version", "max_tokens", "messages");
        NativeFormat.allowOnly(body, KEYS);
        int maxTokens = NativeFormat.positiveInt(body, "max_tokens");
        ConverseValidator.checkSampling(body.has("temperature") && body.has("top_p"), spec, "");
        Thinking.checkDefaultSampling(
                body.has("temperature"), body.has("top_p"), body.has("top_k"), spec);
        JsonNode messages = body.get("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw NativeFormat.malformed("#/messages: expected minimum item count: 1");
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            turns.add(turn(messages.get(i), i, i == messages.size() - 1));
        }
        // The Messages API's own rules, in its wording, as Bedrock passes them on.
        if (!turns.get(0).role().equals("user")) {
            throw BedrockFault.validation("messages: first message must use the \"user\" role");
        }
        for (int i = 1; i < turns.size(); i++) {
            if (turns.get(i).role().equals(turns.get(i - 1).role())) {
                throw BedrockFault.validation(
                        "messages: roles must alternate between \"user\" and \"assistant\","
                                + " but found multiple \""
                                + turns.get(i).role()
                                + "\" roles in a row");
            }
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(
                    new ToolSpec(
                            tool.path("name").asText(),
                            tool.path("description").asText(""),
                            tool.path("input_schema")));
        }
        JsonNode choice = body.path("tool_choice");
        ToolChoice toolChoice =
                switch (choice.path("type").asText("auto")) {
                    case "any" -> new ToolChoice("any", null);
                    case "tool" -> new ToolChoice("tool", choice.path("name").asText());
                    default -> ToolChoice.AUTO;
                };
        List<String> stops = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        return new Conversation(
                text(body.path("system")), turns, tools, toolChoice, maxTokens, stops);
    }

    private static Turn turn(JsonNode message, int index, boolean last) {
        String role = message.path("role").asText();
        if (!role.equals("user") && !role.equals("assistant")) {
            throw NativeFormat.malformed(
                    "#/messages/" + index + "/role: " + role + " is not a valid enum value");
        }
        JsonNode content = message.path("content");
        if (!content.isTextual() && !content.isArray()) {
            throw NativeFormat.malformed(
                    "#/messages/" + index + ": required key [content] not found");
        }
        if ((content.isTextual() ? content.asText().isEmpty() : content.isEmpty())
                && !(last && role.equals("assistant"))) {
            throw BedrockFault.validation(
                    "messages."
                            + index
                            + ": all messages must have non-empty content except for the optional final assistant message");
        }
        List<ToolUse> uses = new ArrayList<>();
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode block : content.isArray() ? content : Json.array()) {
            switch (block.path("type").asText()) {
                case "tool_use" ->
                        uses.add(
                                new ToolUse(
                                        block.path("id").asText(),
                                        block.path("name").asText(),
                                        block.path("input")));
                case "tool_result" ->
                        results.add(
                                new ToolResult(
                                        block.path("tool_use_id").asText(),
                                        text(block.path("content")),
                                        block.path("is_error").asBoolean() ? "error" : "success"));
                default -> {}
            }
        }
        return new Turn(role, text(content), uses, results);
    }

    /** A string, or the text of {@code {"type": "text", "text": ...}} blocks. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                parts.add(block.path("text").asText());
            }
        }
        return String.join("\n", parts);
    }

    @Override
    public ObjectNode render(ModelReply reply, ModelCatalog.ModelSpec spec) {
        ObjectNode message = header(reply, spec);
        ArrayNode content = message.putArray("content");
        if (!reply.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        for (ToolUse use : reply.toolUses()) {
            content.addObject()
                    .put("type", "tool_use")
                    .put("id", use.toolUseId())
                    .put("name", use.name())
                    .set("input", use.input());
        }
        message.put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        message.putObject("usage")
                .put("input_tokens", reply.inputTokens())
                .put("output_tokens", reply.outputTokens());
        return message;
    }

    /** The Messages streaming events, each one a chunk. */
    @Override
    public void stream(ModelReply reply, ModelCatalog.ModelSpec spec, ChunkSink sink)
            throws IOException {
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode message = start.set("message", header(reply, spec));
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", reply.inputTokens()).put("output_tokens", 1);
        sink.chunk(start);
        int index = 0;
        if (!reply.text().isEmpty()) {
            int block = index++;
            ObjectNode open = Json.object().put("type", "content_block_start").put("index", block);
            open.putObject("content_block").put("type", "text").put("text", "");
            sink.chunk(open);
            for (String piece : Text.deltas(reply.text())) {
                ObjectNode delta =
                        Json.object().put("type", "content_block_delta").put("index", block);
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
                sink.delta(delta);
            }
            sink.chunk(Json.object().put("type", "content_block_stop").put("index", block));
        }
        for (ToolUse use : reply.toolUses()) {
            int block = index++;
            ObjectNode open = Json.object().put("type", "content_block_start").put("index", block);
            open.putObject("content_block")
                    .put("type", "tool_use")
                    .put("id", use.toolUseId())
                    .put("name", use.name())
                    .putObject("input");
            sink.chunk(open);
            ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", block);
            delta.putObject("delta")
                    .put("type", "input_json_delta")
                    .put("partial_json", Json.text(use.input()));
            sink.delta(delta);
            sink.chunk(Json.object().put("type", "content_block_stop").put("index", block));
        }
        sink.deltasDone();
        ObjectNode end = Json.object().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", reply.outputTokens());
        sink.chunk(end);
        ObjectNode stop = Json.object().put("type", "message_stop");
        stop.set("amazon-bedrock-invocationMetrics", sink.invocationMetrics(reply));
        sink.chunk(stop);
    }

    private static ObjectNode header(ModelReply reply, ModelCatalog.ModelSpec spec) {
        ObjectNode message = Json.object();
        message.put(
                "id",
                "msg_bdrk_"
                        + DeterministicModel.hash(reply.text() + reply.toolUses())
                                .substring(0, 24));
        message.put("type", "message").put("role", "assistant");
        // Bedrock reports the Anthropic model name, e.g. "claude-3-5-haiku-20241022".
        message.put(
                "model",
                spec.baseId().replaceFirst("^anthropic\\.", "").replaceFirst("-v\\d+:\\d+$", ""));
        return message;
    }
}
