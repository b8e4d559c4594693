package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.parley.local.bedrock.guardrails.ConverseGuardrail;
import dev.parley.local.bedrock.guardrails.InvokeGuardrail;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /model/{modelId}/invoke} and {@code /invoke-with-response-stream}. */
final class InvokeService {

    private final EmulatorState state;

    InvokeService(EmulatorState state) {
        this.state = state;
    }

    /** Embedding models answer InvokeModel only; Bedrock refuses to stream them. */
    private void embed(
            HttpExchange exchange,
            EmbeddingFormat.Model model,
            byte[] body,
            boolean streaming,
            long startNanos)
            throws IOException {
        if (streaming) {
            throw BedrockFault.validation("The model is unsupported for streaming");
        }
        JsonNode request = Json.parseObject(body);
        EmbeddingFormat.Result result =
                switch (model) {
                    case TITAN_TEXT_V2 -> EmbeddingFormat.titan(model.id(), request);
                    case COHERE_V4 -> MultimodalEmbeddingFormat.cohereV4(model.id(), request);
                    case NOVA_MULTIMODAL -> MultimodalEmbeddingFormat.nova(model.id(), request);
                    default -> EmbeddingFormat.cohere(model.id(), request);
                };
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        HttpIo.json(
                exchange,
                200,
                result.body(),
                Map.of(
                        "X-Amzn-Bedrock-Input-Token-Count", String.valueOf(result.inputTokens()),
                        "X-Amzn-Bedrock-Output-Token-Count", "0",
                        "X-Amzn-Bedrock-Invocation-Latency", String.valueOf(latencyMs)));
    }

    void handle(
            HttpExchange exchange, String modelId, byte[] body, boolean streaming, long startNanos)
            throws IOException {
        EmbeddingFormat.Model embedding = EmbeddingFormat.Model.of(modelId);
        if (embedding != null) {
            embed(exchange, embedding, body, streaming, startNanos);
            return;
        }
        // An application inference profile or prompt router runs on the model behind it.
        ModelCatalog.ResolvedModel model =
                ModelCatalog.resolve(state.modelResources().target(modelId), state.nowMs());
        state.foundationModels().refuseAfterAnnouncedEnd(model.spec());
        ModelCatalog.ModelSpec spec = model.spec();
        String tier =
                CallControlRules.serviceTier(
                        exchange.getRequestHeaders().getFirst("X-Amzn-Bedrock-Service-Tier"),
                        spec,
                        "serviceTier");
        String metadata = exchange.getRequestHeaders().getFirst("X-Amzn-Bedrock-Request-Metadata");
        if (metadata != null) {
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(metadata);
            } catch (IOException e) {
                throw BedrockFault.validation(
                        "The X-Amzn-Bedrock-Request-Metadata header must be a JSON object of"
                                + " strings.");
            }
            CallControlRules.requestMetadata(parsed, "requestMetadata");
        }
        exchange.getResponseHeaders().set("X-Amzn-Bedrock-Service-Tier", tier);
        NativeFormat format = NativeFormat.of(spec.provider());
        Conversation conversation = format.parse(Json.parseObject(body), spec);
        if (conversation.maxTokens() != null) {
            ConverseValidator.checkMaxTokens(
                    Json.MAPPER.getNodeFactory().numberNode(conversation.maxTokens()), spec);
        }
        int maxTokens =
                conversation.maxTokens() != null
                        ? conversation.maxTokens()
                        : spec.maxOutputTokens();
        // InvokeModel's guardrail (request headers); the emulator applies it on InvokeModel, not on
        // its stream.
        Optional<ConverseGuardrail> guardrail =
                streaming
                        ? Optional.empty()
                        : InvokeGuardrail.of(
                                state.guardrails(),
                                exchange.getRequestHeaders()
                                        .getFirst("X-Amzn-Bedrock-GuardrailIdentifier"),
                                exchange.getRequestHeaders()
                                        .getFirst("X-Amzn-Bedrock-GuardrailVersion"),
                                exchange.getRequestHeaders().getFirst("X-Amzn-Bedrock-Trace"),
                                modelId);
        Optional<String> blocked =
                guardrail.flatMap(
                        g ->
                                g.checkInputTexts(
                                        conversation.turns().stream()
                                                .filter(turn -> "user".equals(turn.role()))
                                                .map(Conversation.Turn::text)
                                                .toList()));
        Responder.Plan plan =
                blocked.isPresent()
                        ? null
                        : Responder.plan(state, modelId, conversation, maxTokens, streaming);
        // A blocked input never reaches the model: the answer is the guardrail's message, no tokens
        // out.
        ModelReply reply =
                blocked.map(message -> new ModelReply(message, List.of(), "end_turn", 0, 0))
                        .orElseGet(() -> plan.reply());
        if (guardrail.isPresent() && blocked.isEmpty()) {
            Optional<String> replaced = guardrail.get().checkOutput(reply.text());
            if (replaced.isPresent()) {
                reply =
                        new ModelReply(
                                replaced.get(),
                                List.of(),
                                reply.stopReason(),
                                reply.inputTokens(),
                                reply.outputTokens());
            }
        }
        if (!streaming) {
            HttpIo.sleep(state.latency().totalFor(reply.deltaCount()));
            long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
            ObjectNode answer = format.render(reply, spec);
            guardrail.ifPresent(
                    g -> {
                        // Bedrock adds the guardrail's verdict (and its trace, when asked) to the
                        // model's own JSON.
                        answer.put(
                                "amazon-bedrock-guardrailAction",
                                g.intervened() ? "INTERVENED" : "NONE");
                        g.trace()
                                .ifPresent(
                                        trace ->
                                                answer.putObject("amazon-bedrock-trace")
                                                        .setAll(trace));
                    });
            // InvokeModel reports usage in response headers, the body being the model's own JSON.
            HttpIo.json(
                    exchange,
                    200,
                    answer,
                    Map.of(
                            "X-Amzn-Bedrock-Input-Token-Count", String.valueOf(reply.inputTokens()),
                            "X-Amzn-Bedrock-Output-Token-Count",
                                    String.valueOf(reply.outputTokens()),
                            "X-Amzn-Bedrock-Invocation-Latency", String.valueOf(latencyMs)));
            return;
        }
        EventStreamWriter out = HttpIo.eventStream(exchange);
        DeltaPacer pacer =
                new DeltaPacer(state.latency(), state.deltaGate(), startNanos, plan.entry(), out);
        format.stream(
                reply,
                spec,
                new NativeFormat.ChunkSink() {
                    @Override
                    public void chunk(JsonNode chunk) throws IOException {
                        out.chunk(chunk);
                    }

                    @Override
                    public void delta(JsonNode chunk) throws IOException {
                        pacer.delta(() -> out.chunk(chunk));
                    }

                    @Override
                    public void deltasDone() throws IOException {
                        pacer.finish();
                    }

                    @Override
                    public ObjectNode invocationMetrics(ModelReply finished) {
                        return Json.object()
                                .put("inputTokenCount", finished.inputTokens())
                                .put("outputTokenCount", finished.outputTokens())
                                .put("invocationLatency", pacer.elapsedMs())
                                .put("firstByteLatency", pacer.firstByteMs());
                    }
                });
    }
}
