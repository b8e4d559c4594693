package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.local.bedrock.Conversation.ToolUse;
import dev.parley.local.bedrock.guardrails.ConverseGuardrail;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /model/{modelId}/converse} and {@code /converse-stream}. */
final class ConverseService {

    private static final String GUARDRAIL_INTERVENED = "guardrail_intervened";

    private final EmulatorState state;

    ConverseService(EmulatorState state) {
        this.state = state;
    }

    void handle(
            HttpExchange exchange, String modelId, byte[] body, boolean streaming, long startNanos)
            throws IOException {
        if (EmbeddingFormat.Model.of(modelId) != null) {
            throw BedrockFault.validation(
                    "This action doesn't support the model that you provided."
                            + " Try again with a supported text or chat model.");
        }
        // An application inference profile or prompt router runs on the model behind it.
        ModelCatalog.ResolvedModel model =
                ModelCatalog.resolve(state.modelResources().target(modelId), state.nowMs());
        state.foundationModels().refuseAfterAnnouncedEnd(model.spec());
        JsonNode request = Json.parseObject(body);
        CallControlRules.requestMetadata(request.get("requestMetadata"), "requestMetadata");
        String tier =
                CallControlRules.serviceTier(
                        request.path("serviceTier").path("type").textValue(),
                        model.spec(),
                        "serviceTier.type");
        ConverseValidator.validate(request, model.spec());
        ModelFeatureRules.check(request, model.spec(), streaming);
        JsonNode outputSchema = OutputFormatRules.check(request, model.spec());
        PromptCache.check(model.spec(), request);
        Optional<ConverseGuardrail> guardrail =
                ConverseGuardrail.of(state.guardrails(), request, streaming, modelId);
        // A blocked input never reaches the model (and costs no tokens); masked PII is what the
        // model reads.
        Optional<String> blockedInput = guardrail.flatMap(g -> g.checkInput(request));
        Conversation conversation =
                ModelFeatureRules.obeyed(Conversation.fromConverse(request), model.spec());
        int maxTokens =
                conversation.maxTokens() != null
                        ? conversation.maxTokens()
                        : model.spec().maxOutputTokens();
        Thinking.validate(request, model.spec(), maxTokens);
        Responder.Plan plan;
        if (blockedInput.isPresent()) {
            plan =
                    new Responder.Plan(
                            new ModelReply(
                                    blockedInput.get(), List.of(), GUARDRAIL_INTERVENED, 0, 0),
                            null);
        } else {
            Responder.Plan planned =
                    Responder.plan(state, modelId, conversation, maxTokens, streaming);
            ModelReply reply =
                    ReasoningResponder.apply(
                            planned.reply(),
                            conversation,
                            model.spec(),
                            Thinking.budget(request, model.spec()));
            boolean scripted = planned.entry() != null && planned.entry().hasReply();
            if (outputSchema != null && !scripted && reply.toolUses().isEmpty()) {
                // Constrained decoding: the answer's text is JSON matching the schema.
                String json =
                        SchemaAnswer.of(
                                        outputSchema,
                                        conversation.lastUser() == null
                                                ? ""
                                                : conversation.lastUser().text())
                                .toString();
                reply =
                        new ModelReply(
                                reply.reasoning(),
                                reply.signature(),
                                json,
                                List.of(),
                                reply.stopReason(),
                                reply.inputTokens(),
                                reply.outputTokens()
                                        - Text.tokens(reply.text())
                                        + Text.tokens(json));
            }
            plan = new Responder.Plan(reply, planned.entry());
        }
        // A blocked input never reached the model, so it neither read nor wrote the prompt cache.
        Optional<PromptCache.Accounting> cache =
                blockedInput.isPresent()
                        ? Optional.empty()
                        : state.promptCache().account(model.spec(), request);
        if (!blockedInput.isPresent()) {
            // Reading the prompt takes time in proportion to what is not read from the prompt
            // cache.
            int processed =
                    cache.map(c -> c.inputTokens() + c.cacheWriteInputTokens())
                            .orElse(plan.reply().inputTokens());
            HttpIo.sleep(state.prefillMsPerThousandTokens() * processed / 1000);
        }
        if (streaming) {
            stream(
                    exchange,
                    plan,
                    guardrail,
                    blockedInput.isPresent(),
                    cache,
                    startNanos,
                    state.modelResources().routerTrace(modelId),
                    tier);
        } else {
            ModelReply reply =
                    stopReason(
                            blockedInput.isPresent()
                                    ? plan.reply()
                                    : checkedOutput(plan.reply(), guardrail),
                            guardrail);
            HttpIo.sleep(state.latency().totalFor(reply.deltaCount()));
            ObjectNode response = Json.object();
            ObjectNode message = response.putObject("output").putObject("message");
            message.put("role", "assistant");
            ArrayNode content = message.putArray("content");
            if (!reply.reasoning().isEmpty()) {
                ObjectNode reasoning =
                        content.addObject()
                                .putObject("reasoningContent")
                                .putObject("reasoningText");
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
                block.put("toolUseId", use.toolUseId())
                        .put("name", use.name())
                        .set("input", use.input());
            }
            response.put("stopReason", reply.stopReason());
            response.set("usage", usage(reply, cache));
            response.putObject("metrics")
                    .put("latencyMs", (System.nanoTime() - startNanos) / 1_000_000);
            response.putObject("serviceTier").put("type", tier);
            guardrail
                    .flatMap(ConverseGuardrail::trace)
                    .ifPresent(trace -> response.set("trace", trace));
            withRouterTrace(response, state.modelResources().routerTrace(modelId));
            HttpIo.json(exchange, 200, response, Map.of());
        }
    }

    /**
     * ConverseStream's event order: messageStart; reasoning first, as contentBlockDelta events
     * carrying {@code reasoningContent.text} (then one with its {@code signature}, when signed) and
     * contentBlockStop; per text block contentBlockDelta events then
     * contentBlockStop (text blocks get no contentBlockStart); per tool use contentBlockStart
     * with its id and name, a delta with the input as a JSON string, contentBlockStop; then
     * messageStop and metadata with usage and metrics. With a guardrail in sync mode the text is
     * assessed before it is sent (so a blocked answer streams as the blocked message); in async mode
     * it is sent as written and assessed afterwards, and an intervention adds the guardrail's
     * message as a text block of its own before messageStop.
     */
    private void stream(
            HttpExchange exchange,
            Responder.Plan plan,
            Optional<ConverseGuardrail> guardrail,
            boolean inputBlocked,
            Optional<PromptCache.Accounting> cache,
            long startNanos,
            Optional<ObjectNode> routerTrace,
            String tier)
            throws IOException {
        boolean async =
                guardrail.map(ConverseGuardrail::asyncStream).orElse(false) && !inputBlocked;
        ModelReply reply =
                async || inputBlocked ? plan.reply() : checkedOutput(plan.reply(), guardrail);
        reply = stopReason(reply, guardrail);
        EventStreamWriter out = HttpIo.eventStream(exchange);
        DeltaPacer pacer =
                new DeltaPacer(state.latency(), state.deltaGate(), startNanos, plan.entry(), out);
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
                delta.putObject("delta")
                        .putObject("reasoningContent")
                        .put("signature", reply.signature());
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
            start.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", use.toolUseId())
                    .put("name", use.name());
            out.event("contentBlockStart", start);
            ObjectNode delta = Json.object().put("contentBlockIndex", block);
            delta.putObject("delta").putObject("toolUse").put("input", Json.text(use.input()));
            pacer.delta(() -> out.event("contentBlockDelta", delta));
            out.event("contentBlockStop", Json.object().put("contentBlockIndex", block));
        }
        pacer.finish();
        if (async) {
            Optional<String> replacement = guardrail.get().checkOutput(reply.text());
            if (replacement.isPresent()) {
                int block = index++;
                ObjectNode delta = Json.object().put("contentBlockIndex", block);
                delta.putObject("delta").put("text", replacement.get());
                out.event("contentBlockDelta", delta);
                out.event("contentBlockStop", Json.object().put("contentBlockIndex", block));
            }
            reply = stopReason(reply, guardrail);
        }
        out.event("messageStop", Json.object().put("stopReason", reply.stopReason()));
        ObjectNode metadata = Json.object();
        metadata.set("usage", usage(reply, cache));
        metadata.putObject("metrics").put("latencyMs", pacer.elapsedMs());
        // Bedrock reports the tier that served the call (also in CloudTrail and CloudWatch).
        metadata.putObject("serviceTier").put("type", tier);
        guardrail
                .flatMap(ConverseGuardrail::trace)
                .ifPresent(trace -> metadata.set("trace", trace));
        withRouterTrace(metadata, routerTrace);
        out.event("metadata", metadata);
    }

    /** A prompt router's answer names the model that answered ({@code trace.promptRouter.invokedModelId}). */
    private static void withRouterTrace(ObjectNode answer, Optional<ObjectNode> routerTrace) {
        routerTrace.ifPresent(
                router -> {
                    ObjectNode trace =
                            answer.has("trace")
                                    ? (ObjectNode) answer.get("trace")
                                    : answer.putObject("trace");
                    trace.setAll(router);
                });
    }

    /** Any intervention (a block, or PII masked in the input or the answer) is the call's stop reason. */
    private static ModelReply stopReason(ModelReply reply, Optional<ConverseGuardrail> guardrail) {
        return guardrail.filter(ConverseGuardrail::intervened).isPresent()
                ? reply.withStopReason(GUARDRAIL_INTERVENED)
                : reply;
    }

    /** The reply after the guardrail's output assessment: unchanged, or its text replaced (blocked or masked). */
    private static ModelReply checkedOutput(
            ModelReply reply, Optional<ConverseGuardrail> guardrail) {
        if (guardrail.isEmpty()) {
            return reply;
        }
        return guardrail
                .get()
                .checkOutput(reply.text())
                .map(
                        text ->
                                new ModelReply(
                                        text,
                                        List.of(),
                                        GUARDRAIL_INTERVENED,
                                        reply.inputTokens(),
                                        reply.outputTokens()))
                .orElse(reply);
    }

    /** With prompt caching, the input is split into uncached, read and written tokens; the total counts all. */
    static ObjectNode usage(ModelReply reply, Optional<PromptCache.Accounting> cache) {
        if (cache.isEmpty()) {
            return usage(reply);
        }
        PromptCache.Accounting c = cache.get();
        ObjectNode usage =
                Json.object()
                        .put("inputTokens", c.inputTokens())
                        .put("outputTokens", reply.outputTokens())
                        .put(
                                "totalTokens",
                                c.inputTokens()
                                        + reply.outputTokens()
                                        + c.cacheReadInputTokens()
                                        + c.cacheWriteInputTokens())
                        .put("cacheReadInputTokens", c.cacheReadInputTokens())
                        .put("cacheWriteInputTokens", c.cacheWriteInputTokens());
        // botocore's TokenUsage.cacheDetails: cache writes by TTL, 1h before 5m, empty without
        // writes.
        ArrayNode details = usage.putArray("cacheDetails");
        if (c.oneHourWrite() > 0) {
            details.addObject().put("ttl", "1h").put("inputTokens", c.oneHourWrite());
        }
        if (c.cacheWriteInputTokens() > c.oneHourWrite()) {
            details.addObject()
                    .put("ttl", "5m")
                    .put("inputTokens", c.cacheWriteInputTokens() - c.oneHourWrite());
        }
        return usage;
    }

    static ObjectNode usage(ModelReply reply) {
        return Json.object()
                .put("inputTokens", reply.inputTokens())
                .put("outputTokens", reply.outputTokens())
                .put("totalTokens", reply.totalTokens());
    }
}
