package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/** DeepSeek-R1's native body: {@code prompt} and {@code max_tokens}; the answer is {@code choices[].text}. */
final class DeepSeekFormat implements NativeFormat {

    private static final Set<String> KEYS =
            Set.of("prompt", "max_tokens", "temperature", "top_p", "stop");

    @Override
    public Conversation parse(JsonNode body, ModelCatalog.ModelSpec spec) {
        NativeFormat.requireKeys(body, "prompt");
        NativeFormat.allowOnly(body, KEYS);
        if (!body.get("prompt").isTextual() || body.get("prompt").asText().isBlank()) {
            throw NativeFormat.malformed("#/prompt: expected a non-empty string");
        }
        Integer maxTokens = NativeFormat.positiveInt(body, "max_tokens");
        return LlamaFormat.promptConversation(
                body.get("prompt").asText(),
                maxTokens == null ? spec.maxOutputTokens() : maxTokens);
    }

    @Override
    public ObjectNode render(ModelReply reply, ModelCatalog.ModelSpec spec) {
        ObjectNode response = Json.object();
        response.putArray("choices")
                .addObject()
                .put("text", reply.text())
                .put("stop_reason", stopReason(reply));
        return response;
    }

    @Override
    public void stream(ModelReply reply, ModelCatalog.ModelSpec spec, ChunkSink sink)
            throws IOException {
        for (String piece : Text.deltas(reply.text())) {
            ObjectNode chunk = Json.object();
            chunk.putArray("choices").addObject().put("text", piece).putNull("stop_reason");
            sink.delta(chunk);
        }
        sink.deltasDone();
        ObjectNode last = Json.object();
        last.putArray("choices").addObject().put("text", "").put("stop_reason", stopReason(reply));
        last.set("amazon-bedrock-invocationMetrics", sink.invocationMetrics(reply));
        sink.chunk(last);
    }

    private static String stopReason(ModelReply reply) {
        return "max_tokens".equals(reply.stopReason()) ? "length" : "stop";
    }
}
