package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.local.bedrock.Conversation.ToolUse;
import java.io.IOException;
import java.util.Map;

/** {@code POST /model/{modelId}/converse} and {@code /converse-stream}. */
final class ConverseService {

    private final EmulatorState state;

    ConverseService(EmulatorState state) {
        this.state = state;
    }

    void handle(HttpExchange exchange, String modelId, byte[] body, boolean streaming, long startNanos)
            throws IOException {
        ModelCatalog.ResolvedModel model = ModelCatalog.resolve(modelId);
        JsonNode request = Json.parseObject(body);
        ConverseValidator.validate(request, model.spec());
        ModelFeatureRules.check(request, model.spec(), streaming);
        Conversation conversation = Conversation.fromConverse(request);
        int maxTokens = conversation.maxTokens() != null ? conversation.maxTokens() : model.spec().maxOutputTokens();
        Thinking.validate(request, model.spec(), maxTokens);
        Responder.Plan planned = Responder.plan(state, modelId, conversation, maxTokens, streaming);
        Responder.Plan plan = new Responder.Plan(ReasoningResponder.apply(planned.reply(), conversation, model.spec(),
                Thinking.budget(request, model.spec())), planned.entry());
        if (streaming) {
            stream(exchange, plan, startNanos);
        } else {
            ModelReply reply = plan.reply();
            HttpIo.sleep(state.latency().totalFor(reply.deltaCount()));
            ObjectNode response = Json.object();
            ObjectNode message = response.putObject("output").putObject("message");
            message.put("role", "assistant");
            ArrayNode content = message.putArray("content");
            if (!reply.reasoning().isEmpty()) {
                ObjectNode reasoning = content.addObject().putObject("reasoningContent").putObject("reasoningText");
                reasoning.put("text", reply.reasoning());
                if (reply.signature() != null) {
                    reasoning.put("signature", reply.signature());
                }
            }
            if (!reply.text().isEmpty()) {
                content.addObject().put("text", reply.text());
            }
            for (ToolUse use : reply.toolUses()) {
                ObjectNode block = content.addObject().putObject("toolUse");
                block.put("toolUseId", use.toolUseId()).put("name", use.name()).set("input", use.input());
            }
            response.put("stopReason", reply.stopReason());
            response.set("usage", usage(reply));
            response.putObject("metrics").put("latencyMs", (System.nanoTime() - startNanos) / 1_000_000);
            HttpIo.json(exchange, 200, response, Map.of());
        }
    }

    /**
     * ConverseStream's event order: messageStart; reasoning first, as contentBlockDelta events
     * carrying {@code reasoningContent.text} (then one with its {@code signature}, when signed) and
     * contentBlockStop; per text block contentBlockDelta events then
     * contentBlockStop (text blocks get no contentBlockStart); per tool use contentBlockStart
     * with its id and name, a delta with the input as a JSON string, contentBlockStop; then
     * messageStop and metadata with usage and metrics.
     */
    private void stream(HttpExchange exchange, Responder.Plan plan, long startNanos) throws IOException {
        ModelReply reply = plan.reply();
        EventStreamWriter out = HttpIo.eventStream(exchange);
        DeltaPacer pacer = new DeltaPacer(state.latency(), startNanos, plan.entry(), out);
        out.event("messageStart", Json.object().put("role", "assistant"));
        int index = 0;
        if (!reply.reasoning().isEmpty()) {
            int block = index++;
            for (String piece : Text.deltas(reply.reasoning())) {
                ObjectNode delta = Json.object().put("contentBlockIndex", block);
                delta.putObject("delta").putObject("reasoningContent").put("text", piece);
                pacer.delta(() -> out.event("contentBlockDelta", delta));
            }
            if (reply.signature() != null) {
                ObjectNode delta = Json.object().put("contentBlockIndex", block);
                delta.putObject("delta").putObject("reasoningContent").put("signature", reply.signature());
                out.event("contentBlockDelta", delta);
            }
            out.event("contentBlockStop", Json.object().put("contentBlockIndex", block));
        }
        if (!reply.text().isEmpty()) {
            int block = index++;
            for (String piece : Text.deltas(reply.text())) {
                ObjectNode delta = Json.object().put("contentBlockIndex", block);
                delta.putObject("delta").put("text", piece);
                pacer.delta(() -> out.event("contentBlockDelta", delta));
            }
            out.event("contentBlockStop", Json.object().put("contentBlockIndex", block));
        }
        for (ToolUse use : reply.toolUses()) {
            int block = index++;
            ObjectNode start = Json.object().put("contentBlockIndex", block);
            start.putObject("start").putObject("toolUse").put("toolUseId", use.toolUseId()).put("name", use.name());
            out.event("contentBlockStart", start);
            ObjectNode delta = Json.object().put("contentBlockIndex", block);
            delta.putObject("delta").putObject("toolUse").put("input", Json.text(use.input()));
            pacer.delta(() -> out.event("contentBlockDelta", delta));
            out.event("contentBlockStop", Json.object().put("contentBlockIndex", block));
        }
        pacer.finish();
        out.event("messageStop", Json.object().put("stopReason", reply.stopReason()));
        ObjectNode metadata = Json.object();
        metadata.set("usage", usage(reply));
        metadata.putObject("metrics").put("latencyMs", pacer.elapsedMs());
        out.event("metadata", metadata);
    }

    static ObjectNode usage(ModelReply reply) {
        return Json.object().put("inputTokens", reply.inputTokens()).put("outputTokens", reply.outputTokens())
                .put("totalTokens", reply.totalTokens());
    }
}
