package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.local.bedrock.Conversation.ToolUse;
import java.util.ArrayList;
import java.util.List;

/**
 * One scripted answer, as posted to {@code /_emulator/script}:
 * <pre>{"modelId": "optional exact id", "reply": {"text": "..."} | {"toolUse": [{"name", "input",
 * "toolUseId"?}], "text"?} | {"error": {"type", "message"?}}, "stopReason"?,
 * "streamErrorAfterDeltas"?, "delayMs"?, "times"? (default 1, -1 = until reset)}</pre>
 */
record ScriptEntry(
        String modelId,
        String text,
        List<ToolUse> toolUses,
        ErrorSpec error,
        String stopReason,
        Integer streamErrorAfterDeltas,
        long delayMs,
        int times) {

    record ErrorSpec(ErrorType type, String message) {}

    ScriptEntry {
        toolUses = List.copyOf(toolUses);
    }

    /** Whether the entry says what the model answers (otherwise it only injects an error). */
    boolean hasReply() {
        return text != null || !toolUses.isEmpty();
    }

    boolean appliesTo(String requestedModelId) {
        return modelId == null || modelId.equals(requestedModelId);
    }

    /** Reads an entry; an {@link IllegalArgumentException} names what is wrong with it. */
    static ScriptEntry parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a script entry must be a JSON object");
        }
        JsonNode reply = json.path("reply");
        if (!reply.isObject()) {
            throw new IllegalArgumentException(
                    "'reply' must be an object with 'text', 'toolUse' or 'error'");
        }
        String text = reply.hasNonNull("text") ? reply.get("text").asText() : null;
        List<ToolUse> uses = new ArrayList<>();
        JsonNode toolUse = reply.path("toolUse");
        for (JsonNode use : toolUse.isObject() ? List.of(toolUse) : toolUse) {
            if (!use.hasNonNull("name")) {
                throw new IllegalArgumentException("every reply.toolUse entry needs a 'name'");
            }
            JsonNode input = use.has("input") ? use.get("input") : Json.object();
            if (!input.isObject()) {
                throw new IllegalArgumentException("reply.toolUse[].input must be a JSON object");
            }
            uses.add(new ToolUse(Json.string(use, "toolUseId"), use.get("name").asText(), input));
        }
        ErrorSpec error = null;
        if (reply.has("error")) {
            JsonNode err = reply.get("error");
            error =
                    new ErrorSpec(
                            ErrorType.parse(Json.string(err, "type")), Json.string(err, "message"));
        }
        if (text == null && uses.isEmpty() && error == null) {
            throw new IllegalArgumentException("'reply' must contain 'text', 'toolUse' or 'error'");
        }
        Integer errorAfter =
                json.hasNonNull("streamErrorAfterDeltas")
                        ? json.get("streamErrorAfterDeltas").asInt()
                        : null;
        if (errorAfter != null && errorAfter < 0) {
            throw new IllegalArgumentException("'streamErrorAfterDeltas' must be 0 or more");
        }
        int times = json.path("times").asInt(1);
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException(
                    "'times' must be a positive count or -1 (until reset)");
        }
        return new ScriptEntry(
                Json.string(json, "modelId"),
                text,
                uses,
                error,
                Json.string(json, "stopReason"),
                errorAfter,
                Math.max(0, json.path("delayMs").asLong(0)),
                times);
    }
}
