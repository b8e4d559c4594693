package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.bedrock.Conversation.ToolUse;
import java.io.IOException;
import java.util.Set;

/**
 * Amazon Nova's native body ({@code schemaVersion: messages-v1}): Converse-shaped messages,
 * {@code system} blocks, {@code inferenceConfig} with {@code max_new_tokens}. Being so close to
 * Converse, it is checked by the Converse rules.
 */
final class NovaFormat implements NativeFormat {

    private static final Set<String> KEYS =
            Set.of(
                    "schemaVersion",
                    "messages",
                    "system",
                    "inferenceConfig",
                    "toolConfig",
                    "additionalModelRequestFields");

    @Override
    public Conversation parse(JsonNode body, ModelCatalog.ModelSpec spec) {
        NativeFormat.requireKeys(body, "messages");
        NativeFormat.allowOnly(body, KEYS);
        JsonNode messages = body.get("messages");
        if (!messages.isArray()) {
            throw NativeFormat.malformed(
                    "#/messages: expected type: JSONArray, found: " + messages.getNodeType());
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).path("content").isArray()) {
                throw NativeFormat.malformed(
                        "#/messages/" + i + "/content: expected type: JSONArray");
            }
        }
        ObjectNode converse = Json.object();
        converse.set("messages", messages);
        if (body.has("system")) {
            converse.set("system", body.get("system"));
        }
        if (body.has("toolConfig")) {
            converse.set("toolConfig", body.get("toolConfig"));
        }
        JsonNode inference = body.path("inferenceConfig");
        ObjectNode config = converse.putObject("inferenceConfig");
        copy(inference, config, "maxTokens", "max_new_tokens", "maxTokens");
        copy(inference, config, "temperature", "temperature");
        copy(inference, config, "topP", "top_p", "topP");
        copy(inference, config, "stopSequences", "stopSequences");
        ConverseValidator.validate(converse, spec);
        return Conversation.fromConverse(converse);
    }

    private static void copy(JsonNode from, ObjectNode to, String target, String... names) {
        for (String name : names) {
            if (from.hasNonNull(name)) {
                to.set(target, from.get(name));
                return;
            }
        }
    }

    @Override
    public ObjectNode render(ModelReply reply, ModelCatalog.ModelSpec spec) {
        ObjectNode response = Json.object();
        ObjectNode message = response.putObject("output").putObject("message");
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (!reply.text().isEmpty()) {
            content.addObject().put("text", reply.text());
        }
        for (ToolUse use : reply.toolUses()) {
            content.addObject()
                    .putObject("toolUse")
                    .put("toolUseId", use.toolUseId())
                    .put("name", use.name())
                    .set("input", use.input());
        }
        response.put("stopReason", reply.stopReason());
        response.set("usage", ConverseService.usage(reply));
        return response;
    }

    /** Nova streams Converse-like events as JSON chunks, the last carrying invocation metrics. */
    @Override
    public void stream(ModelReply reply, ModelCatalog.ModelSpec spec, ChunkSink sink)
            throws IOException {
        ObjectNode start = Json.object();
        start.putObject("messageStart").put("role", "assistant");
        sink.chunk(start);
        int index = 0;
        if (!reply.text().isEmpty()) {
            int block = index++;
            for (String piece : Text.deltas(reply.text())) {
                ObjectNode delta = Json.object();
                ObjectNode inner = delta.putObject("contentBlockDelta");
                inner.putObject("delta").put("text", piece);
                inner.put("contentBlockIndex", block);
                sink.delta(delta);
            }
            sink.chunk(stop(block));
        }
        for (ToolUse use : reply.toolUses()) {
            int block = index++;
            ObjectNode open = Json.object();
            ObjectNode inner = open.putObject("contentBlockStart");
            inner.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", use.toolUseId())
                    .put("name", use.name());
            inner.put("contentBlockIndex", block);
            sink.chunk(open);
            ObjectNode delta = Json.object();
            ObjectNode deltaInner = delta.putObject("contentBlockDelta");
            deltaInner.putObject("delta").putObject("toolUse").put("input", Json.text(use.input()));
            deltaInner.put("contentBlockIndex", block);
            sink.delta(delta);
            sink.chunk(stop(block));
        }
        sink.deltasDone();
        ObjectNode end = Json.object();
        end.putObject("messageStop").put("stopReason", reply.stopReason());
        sink.chunk(end);
        ObjectNode metadata = Json.object();
        ObjectNode inner = metadata.putObject("metadata");
        inner.set("usage", ConverseService.usage(reply));
        inner.putObject("metrics");
        inner.putObject("trace");
        metadata.set("amazon-bedrock-invocationMetrics", sink.invocationMetrics(reply));
        sink.chunk(metadata);
    }

    private static ObjectNode stop(int block) {
        ObjectNode stop = Json.object();
        stop.putObject("contentBlockStop").put("contentBlockIndex", block);
        return stop;
    }
}
