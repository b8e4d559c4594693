package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The InvokeModel bodies of Bedrock's multimodal embedding models, refused in Bedrock's
 * "Malformed input request" wording as the text embedding models are ({@link EmbeddingFormat}):
 * <ul>
 * <li>Cohere Embed v4 (AWS's "Cohere Embed v4" page): {@code input_type} required; exactly one of
 * {@code texts}, {@code images} (data URIs) or {@code inputs} (interleaved {@code content} parts),
 * up to 96 items; {@code embedding_types}, {@code output_dimension} 256, 512, 1024 or 1536 (1536 by
 * default), {@code max_tokens} up to 128,000, {@code truncate} NONE, LEFT or RIGHT. The answer is
 * {@code {id, embeddings, response_type, texts | inputs}}: a list of float vectors
 * ({@code embeddings_floats}) without embedding_types or with only {@code float}, else an object
 * by type ({@code embeddings_by_type}).
 * <li>Amazon Nova Multimodal Embeddings (AWS's Nova "Complete embeddings request and response
 * schema"): {@code schemaVersion nova-multimodal-embed-v1}, {@code taskType SINGLE_EMBEDDING} (the
 * only synchronous task), {@code singleEmbeddingParams} with an {@code embeddingPurpose}, an
 * {@code embeddingDimension} of 256, 384, 1024 or 3072 (3072 by default) and exactly one of
 * {@code text}, {@code image}, {@code audio} or {@code video}. The answer is {@code {embeddings:
 * [{embeddingType, embedding}]}} (the shape public clients parse; the schema page's response part
 * was not reached).
 * </ul>
 * The wording of each refusal follows Bedrock's schema-validation style; none is quoted for these
 * two models.
 */
final class MultimodalEmbeddingFormat {
    static final List<Integer> COHERE_V4_DIMENSIONS = List.of(256, 512, 1024, 1536);
    static final int COHERE_V4_MAX_ITEMS = 96;
    static final int COHERE_V4_MAX_TOKENS = 128_000;
    static final List<Integer> NOVA_DIMENSIONS = List.of(256, 384, 1024, 3072);
    private static final Set<String> COHERE_INPUT_TYPES =
            Set.of("search_document", "search_query", "classification", "clustering");
    private static final Set<String> COHERE_TYPES =
            Set.of("float", "int8", "uint8", "binary", "ubinary");
    private static final Set<String> NOVA_PURPOSES =
            Set.of(
                    "GENERIC_INDEX",
                    "GENERIC_RETRIEVAL",
                    "TEXT_RETRIEVAL",
                    "IMAGE_RETRIEVAL",
                    "VIDEO_RETRIEVAL",
                    "DOCUMENT_RETRIEVAL",
                    "AUDIO_RETRIEVAL",
                    "CLASSIFICATION",
                    "CLUSTERING");
    private static final Map<String, String> NOVA_MODALITIES =
            Map.of("text", "TEXT", "image", "IMAGE", "audio", "AUDIO", "video", "VIDEO");

    private MultimodalEmbeddingFormat() {}

    static EmbeddingFormat.Result cohereV4(String modelId, JsonNode body) {
        NativeFormat.allowOnly(
                body,
                Set.of(
                        "input_type",
                        "texts",
                        "images",
                        "inputs",
                        "embedding_types",
                        "output_dimension",
                        "max_tokens",
                        "truncate"));
        NativeFormat.requireKeys(body, "input_type");
        String inputType = body.get("input_type").asText();
        if (!COHERE_INPUT_TYPES.contains(inputType)) {
            throw NativeFormat.malformed(
                    "#/input_type: " + inputType + " is not a valid enum value");
        }
        List<String> given = new ArrayList<>();
        for (String key : List.of("texts", "images", "inputs")) {
            if (body.has(key)) {
                given.add(key);
            }
        }
        if (given.size() != 1) {
            throw NativeFormat.malformed(
                    "#: exactly one of [texts, images, inputs] is required, found " + given);
        }
        String key = given.get(0);
        JsonNode items = body.get(key);
        if (!items.isArray()) {
            throw NativeFormat.malformed(
                    "#/"
                            + key
                            + ": expected type: JSONArray, found: "
                            + EmbeddingFormat.kind(items));
        }
        if (items.size() > COHERE_V4_MAX_ITEMS) {
            throw NativeFormat.malformed(
                    "#/"
                            + key
                            + ": expected maxItems: "
                            + COHERE_V4_MAX_ITEMS
                            + ", actual: "
                            + items.size());
        }
        int dimensions = enumInt(body, "#/", "output_dimension", COHERE_V4_DIMENSIONS, 1536);
        int maxTokens = body.path("max_tokens").asInt(COHERE_V4_MAX_TOKENS);
        if (!body.path("max_tokens").isMissingNode()
                && (!body.get("max_tokens").isIntegralNumber()
                        || maxTokens < 1
                        || maxTokens > COHERE_V4_MAX_TOKENS)) {
            throw NativeFormat.malformed(
                    "#/max_tokens: " + body.get("max_tokens") + " is not between 1 and 128000");
        }
        String truncate = body.path("truncate").asText("NONE");
        if (!Set.of("NONE", "LEFT", "RIGHT").contains(truncate)) {
            throw NativeFormat.malformed("#/truncate: " + truncate + " is not a valid enum value");
        }
        List<String> types = new ArrayList<>();
        body.path("embedding_types").forEach(type -> types.add(type.asText()));
        for (String type : types) {
            if (!COHERE_TYPES.contains(type)) {
                throw NativeFormat.malformed(
                        "#/embedding_types/"
                                + types.indexOf(type)
                                + ": "
                                + type
                                + " is not a valid enum value");
            }
        }
        List<double[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < items.size(); i++) {
            String content = cohereItem(key, items.get(i), i);
            int itemTokens = Text.tokens(content);
            if (itemTokens > maxTokens && truncate.equals("NONE")) {
                throw NativeFormat.malformed(
                        "#/"
                                + key
                                + "/"
                                + i
                                + ": "
                                + itemTokens
                                + " tokens exceed max_tokens "
                                + maxTokens
                                + " and truncate is NONE");
            }
            vectors.add(HashedEmbedding.of(modelId + "|" + inputType, content, dimensions, true));
            tokens += Math.min(itemTokens, maxTokens);
        }
        ObjectNode out = Json.object();
        out.put(
                "id",
                DeterministicModel.hash(modelId + "\n" + inputType + "\n" + items)
                        .substring(0, 36));
        if (types.isEmpty() || types.equals(List.of("float"))) {
            ArrayNode list = out.putArray("embeddings");
            vectors.forEach(vector -> list.add(EmbeddingFormat.floats(vector)));
            out.put("response_type", "embeddings_floats");
        } else {
            ObjectNode byType = out.putObject("embeddings");
            for (String type : types) {
                ArrayNode list = byType.putArray(type);
                vectors.forEach(vector -> list.add(EmbeddingFormat.quantized(vector, type)));
            }
            out.put("response_type", "embeddings_by_type");
        }
        if (!key.equals("images")) {
            out.set(key, items.deepCopy());
        }
        return new EmbeddingFormat.Result(out, Math.max(tokens, items.isEmpty() ? 0 : 1));
    }

    /** One item's content as the text the emulator embeds: a text, an image's data URI, or the parts. */
    private static String cohereItem(String key, JsonNode item, int index) {
        String path = "#/" + key + "/" + index;
        if (key.equals("inputs")) {
            JsonNode content = item.path("content");
            if (!content.isArray() || content.isEmpty()) {
                throw NativeFormat.malformed(path + ": required key [content] not found");
            }
            StringBuilder parts = new StringBuilder();
            for (JsonNode part : content) {
                String type = part.path("type").asText();
                if (type.equals("text") && part.path("text").isTextual()) {
                    parts.append(part.get("text").textValue()).append('\n');
                } else if (type.equals("image_url")
                        && dataUri(part.path("image_url").path("url").asText())) {
                    parts.append(part.at("/image_url/url").textValue()).append('\n');
                } else {
                    throw NativeFormat.malformed(
                            path + "/content: each part is a text or an image_url data URI");
                }
            }
            return parts.toString();
        }
        if (!item.isTextual()) {
            throw NativeFormat.malformed(
                    path + ": expected type: String, found: " + EmbeddingFormat.kind(item));
        }
        if (key.equals("images") && !dataUri(item.textValue())) {
            throw NativeFormat.malformed(path + ": expected a data:<mime>;base64, URI");
        }
        return item.textValue();
    }

    private static boolean dataUri(String value) {
        return value.startsWith("data:image/") && value.contains(";base64,");
    }

    static EmbeddingFormat.Result nova(String modelId, JsonNode body) {
        NativeFormat.allowOnly(body, Set.of("schemaVersion", "taskType", "singleEmbeddingParams"));
        NativeFormat.requireKeys(body, "taskType");
        String schema = body.path("schemaVersion").asText("nova-multimodal-embed-v1");
        if (!schema.equals("nova-multimodal-embed-v1")) {
            throw NativeFormat.malformed(
                    "#/schemaVersion: " + schema + " is not a valid enum value");
        }
        String task = body.get("taskType").asText();
        if (!task.equals("SINGLE_EMBEDDING")) {
            throw NativeFormat.malformed(
                    "#/taskType: "
                            + task
                            + " is not a valid enum value (a synchronous call takes SINGLE_EMBEDDING)");
        }
        NativeFormat.requireKeys(body, "singleEmbeddingParams");
        JsonNode params = body.get("singleEmbeddingParams");
        NativeFormat.requireKeys(params, "embeddingPurpose");
        String purpose = params.get("embeddingPurpose").asText();
        if (!NOVA_PURPOSES.contains(purpose)) {
            throw NativeFormat.malformed(
                    "#/singleEmbeddingParams/embeddingPurpose: "
                            + purpose
                            + " is not a valid enum value");
        }
        int dimensions =
                enumInt(
                        params,
                        "#/singleEmbeddingParams/",
                        "embeddingDimension",
                        NOVA_DIMENSIONS,
                        3072);
        List<String> modalities = new ArrayList<>();
        NOVA_MODALITIES.keySet().stream().sorted().filter(params::has).forEach(modalities::add);
        if (modalities.size() != 1) {
            throw NativeFormat.malformed(
                    "#/singleEmbeddingParams: exactly one of [audio, image, text, video] is"
                            + " required, found "
                            + modalities);
        }
        String modality = modalities.get(0);
        JsonNode input = params.get(modality);
        String content;
        if (modality.equals("text")) {
            String truncation = input.path("truncationMode").asText("NONE");
            if (!Set.of("START", "END", "NONE").contains(truncation)) {
                throw NativeFormat.malformed(
                        "#/singleEmbeddingParams/text/truncationMode: "
                                + truncation
                                + " is not a valid enum value");
            }
            if (!input.path("value").isTextual() && !input.has("source")) {
                throw NativeFormat.malformed(
                        "#/singleEmbeddingParams/text: required key [value] not found");
            }
            content = input.path("value").asText(input.path("source").toString());
        } else {
            NativeFormat.requireKeys(input, "format", "source");
            content = input.toString();
        }
        double[] vector = HashedEmbedding.of(modelId + "|" + purpose, content, dimensions, true);
        ObjectNode out = Json.object();
        ObjectNode embedding = out.putArray("embeddings").addObject();
        embedding.put("embeddingType", NOVA_MODALITIES.get(modality));
        embedding.set("embedding", EmbeddingFormat.floats(vector));
        return new EmbeddingFormat.Result(out, Math.max(1, Text.tokens(content)));
    }

    private static int enumInt(
            JsonNode body, String path, String field, List<Integer> allowed, int fallback) {
        if (!body.hasNonNull(field)) {
            return fallback;
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !allowed.contains(value.asInt())) {
            throw NativeFormat.malformed(
                    path + field + ": " + value + " is not a valid enum value");
        }
        return value.asInt();
    }
}
