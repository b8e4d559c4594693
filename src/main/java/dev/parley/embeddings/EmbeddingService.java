package dev.parley.embeddings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.identity.Caller;
import dev.parley.invoke.MeteredInvoke;
import dev.parley.keys.KeyStage;
import dev.parley.modelcall.InvokeReply;
import dev.parley.modelcall.ModelSpec;
import dev.parley.pipeline.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds texts with a Bedrock embedding model through InvokeModel, in the model's native body:
 * Titan Text Embeddings V2 takes one text per call ({@code inputText}, {@code dimensions},
 * {@code normalize}); Cohere Embed v3 and v4 take up to 96 ({@code texts}, {@code input_type}; v4
 * also {@code output_dimension}); Nova Multimodal Embeddings one ({@code singleEmbeddingParams}
 * with the purpose the input type stands for).
 */
@ApplicationScoped
public class EmbeddingService {
    /** Cohere's input types; search_document is the default for text stored to be searched. */
    public static final List<String> COHERE_INPUT_TYPES =
            List.of("search_document", "search_query", "classification", "clustering");

    /**
     * Nova Multimodal Embeddings' embeddingPurpose for each Cohere input type: a stored text is
     * indexed, a query retrieves (AWS's Nova embeddings schema: GENERIC_INDEX, GENERIC_RETRIEVAL,
     * CLASSIFICATION, CLUSTERING among its purposes).
     */
    private static final java.util.Map<String, String> NOVA_PURPOSES =
            java.util.Map.of(
                    "search_document", "GENERIC_INDEX",
                    "search_query", "GENERIC_RETRIEVAL",
                    "classification", "CLASSIFICATION",
                    "clustering", "CLUSTERING");

    /** The route name embeddings are charged and measured under. */
    public static final String ROUTE = "openai.embeddings";

    private final MeteredInvoke invoke;
    private final ObjectMapper mapper;
    private final KeyStage keys;

    EmbeddingService(MeteredInvoke invoke, ObjectMapper mapper, KeyStage keys) {
        this.invoke = invoke;
        this.mapper = mapper;
        this.keys = keys;
    }

    /**
     * @param caller who the InvokeModel calls are charged to (budget, usage ledger)
     * @param dimensions one of the model's {@link EmbeddingModel#dimensions()}
     * @param inputType Cohere's {@code input_type} (ignored by Titan)
     */
    public Embeddings embed(
            Caller caller,
            EmbeddingModel model,
            List<String> texts,
            int dimensions,
            String inputType) {
        if (!model.dimensions().contains(dimensions)) {
            throw ParleyException.validation(
                    "model "
                            + model.alias()
                            + " produces "
                            + model.dimensions()
                            + " dimensions, not "
                            + dimensions);
        }
        for (String text : texts) {
            if (text.isEmpty() || text.length() > model.maxChars()) {
                throw ParleyException.validation(
                        "each text for "
                                + model.alias()
                                + " must be 1 to "
                                + model.maxChars()
                                + " characters, got "
                                + text.length());
            }
        }
        ModelSpec spec =
                new ModelSpec(
                        model.alias(),
                        model.modelId(),
                        model.provider(),
                        0,
                        0,
                        new ModelSpec.Capabilities(false, false, false, false));
        // An embedding model is a model too: a key limited to some models reaches no other (403
        // model_not_allowed_for_key), and its own budgets hold here as on every model call.
        keys.admit(CallContext.of(caller, ROUTE), spec);
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (int from = 0; from < texts.size(); from += model.maxTextsPerCall()) {
            List<String> batch =
                    texts.subList(from, Math.min(texts.size(), from + model.maxTextsPerCall()));
            InvokeReply answer =
                    invoke.call(
                            CallContext.of(caller, ROUTE),
                            spec,
                            body(model, batch, dimensions, inputType));
            JsonNode json = parse(answer.body(), model);
            if (model.format() == EmbeddingModel.Format.TITAN_V2) {
                vectors.add(floats(json.path("embedding"), model));
                tokens += json.path("inputTextTokenCount").asInt(answer.usage().inputTokens());
            } else if (model.format() == EmbeddingModel.Format.NOVA_MULTIMODAL) {
                // {"embeddings": [{"embeddingType": "TEXT", "embedding": [...]}]}
                vectors.add(floats(json.path("embeddings").path(0).path("embedding"), model));
                tokens += answer.usage().inputTokens();
            } else {
                JsonNode embeddings = json.path("embeddings");
                JsonNode list = embeddings.isObject() ? embeddings.path("float") : embeddings;
                if (list.size() != batch.size()) {
                    throw unexpected(
                            model,
                            "returned "
                                    + list.size()
                                    + " embeddings for "
                                    + batch.size()
                                    + " texts");
                }
                list.forEach(vector -> vectors.add(floats(vector, model)));
                tokens += answer.usage().inputTokens();
            }
        }
        return new Embeddings(vectors, tokens);
    }

    private String body(
            EmbeddingModel model, List<String> batch, int dimensions, String inputType) {
        ObjectNode body = mapper.createObjectNode();
        if (model.format() == EmbeddingModel.Format.TITAN_V2) {
            body.put("inputText", batch.get(0))
                    .put("dimensions", dimensions)
                    .put("normalize", true);
        } else if (model.format() == EmbeddingModel.Format.NOVA_MULTIMODAL) {
            ObjectNode params =
                    body.put("schemaVersion", "nova-multimodal-embed-v1")
                            .put("taskType", "SINGLE_EMBEDDING")
                            .putObject("singleEmbeddingParams");
            params.put("embeddingPurpose", NOVA_PURPOSES.get(inputType))
                    .put("embeddingDimension", dimensions)
                    .putObject("text")
                    .put("truncationMode", "NONE")
                    .put("value", batch.get(0));
        } else {
            ArrayNode texts = body.putArray("texts");
            batch.forEach(texts::add);
            body.put("input_type", inputType);
            if (model.format() == EmbeddingModel.Format.COHERE_V4) {
                body.put("output_dimension", dimensions);
            }
            body.put("truncate", "NONE");
        }
        return body.toString();
    }

    private JsonNode parse(String body, EmbeddingModel model) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw unexpected(model, "answered something that is not JSON");
        }
    }

    private static float[] floats(JsonNode vector, EmbeddingModel model) {
        if (!vector.isArray() || vector.isEmpty()) {
            throw unexpected(model, "answered without an embedding");
        }
        float[] out = new float[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector.get(i).floatValue();
        }
        return out;
    }

    private static ParleyException unexpected(EmbeddingModel model, String what) {
        return new ParleyException(
                ErrorCode.MODEL_ERROR,
                "embedding model " + model.alias() + " (" + model.modelId() + ") " + what);
    }
}
