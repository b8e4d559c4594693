package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.bedrock.Conversation.Turn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta Llama's native body: a single {@code prompt} (plain, or in the Llama 3 chat template)
 * with {@code max_gen_len}; the answer is {@code generation} plus token counts.
 */
final class LlamaFormat implements NativeFormat {

    private static final Set<String> KEYS =
            Set.of("prompt", "max_gen_len", "temperature", "top_p", "images");
    private static final Pattern HEADER =
            Pattern.compile(
                    "<\\|start_header_id\\|>(system|user|assistant)<\\|end_header_id\\|>(.*?)(?=<\\|eot_id\\|>|<\\|start_header_id\\|>|$)",
                    Pattern.DOTALL);

    /** Llama's own default when max_gen_len is absent. */
    private static final int DEFAULT_MAX_GEN_LEN = 512;

    @Override
    public Conversation parse(JsonNode body, ModelCatalog.ModelSpec spec) {
        NativeFormat.requireKeys(body, "prompt");
        NativeFormat.allowOnly(body, KEYS);
        if (!body.get("prompt").isTextual() || body.get("prompt").asText().isBlank()) {
            throw NativeFormat.malformed("#/prompt: expected a non-empty string");
        }
        Integer maxGenLen = NativeFormat.positiveInt(body, "max_gen_len");
        return promptConversation(
                body.get("prompt").asText(), maxGenLen == null ? DEFAULT_MAX_GEN_LEN : maxGenLen);
    }

    /** Splits a chat-template prompt into turns; a plain prompt is one user turn. */
    static Conversation promptConversation(String prompt, int maxTokens) {
        String system = "";
        List<Turn> turns = new ArrayList<>();
        Matcher matcher = HEADER.matcher(prompt);
        while (matcher.find()) {
            String text = matcher.group(2).strip();
            if (matcher.group(1).equals("system")) {
                system = text;
            } else if (!text.isEmpty()) {
                turns.add(new Turn(matcher.group(1), text, List.of(), List.of()));
            }
        }
        if (turns.isEmpty()) {
            String plain =
                    prompt.replaceAll(
                                    "<\\|[^|]*\\|>|\\[/?INST\\]|<</?SYS>>|<\uff5c[^\uff5c]*\uff5c>",
                                    " ")
                            .strip();
            turns.add(new Turn("user", plain, List.of(), List.of()));
        }
        return new Conversation(system, turns, List.of(), null, maxTokens, List.of());
    }

    @Override
    public ObjectNode render(ModelReply reply, ModelCatalog.ModelSpec spec) {
        return Json.object()
                .put("generation", reply.text())
                .put("prompt_token_count", reply.inputTokens())
                .put("generation_token_count", reply.outputTokens())
                .put("stop_reason", stopReason(reply));
    }

    @Override
    public void stream(ModelReply reply, ModelCatalog.ModelSpec spec, ChunkSink sink)
            throws IOException {
        int generated = 0;
        boolean first = true;
        for (String piece : Text.deltas(reply.text())) {
            generated += Text.tokens(piece);
            ObjectNode chunk = Json.object().put("generation", piece);
            if (first) {
                chunk.put("prompt_token_count", reply.inputTokens());
            } else {
                chunk.putNull("prompt_token_count");
            }
            first = false;
            chunk.put("generation_token_count", Math.min(generated, reply.outputTokens()))
                    .putNull("stop_reason");
            sink.delta(chunk);
        }
        sink.deltasDone();
        ObjectNode last =
                Json.object()
                        .put("generation", "")
                        .putNull("prompt_token_count")
                        .put("generation_token_count", reply.outputTokens())
                        .put("stop_reason", stopReason(reply));
        last.set("amazon-bedrock-invocationMetrics", sink.invocationMetrics(reply));
        sink.chunk(last);
    }

    private static String stopReason(ModelReply reply) {
        return "max_tokens".equals(reply.stopReason()) ? "length" : "stop";
    }
}
