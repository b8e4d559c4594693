package dev.parley.local.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The InvokeModel bodies of Bedrock's text embedding models, with their refusals in Bedrock's
 * "Malformed input request" wording (see {@link NativeFormat#malformed}).
 * <ul>
 * <li>Titan Text Embeddings V2: {@code {inputText, dimensions (1024|512|256), normalize, embeddingTypes
 * (float|binary)}} to {@code {embedding, inputTextTokenCount, embeddingsByType}};
 * <li>Cohere Embed v3: {@code {texts (up to 96, 2,048 characters each), input_type, truncate,
 * embedding_types}} to {@code {id, texts, embeddings, response_type}} (embeddings a list of float vectors,
 * or an object by type when embedding_types is given); input tokens only in the response headers.
 * </ul>
 * Cohere Embed v4 and Nova Multimodal Embeddings: {@link MultimodalEmbeddingFormat}.
 */
final class EmbeddingFormat {
    static final List<Integer> TITAN_DIMENSIONS = List.of(1024, 512, 256);
    static final int COHERE_DIMENSIONS = 1024;
    static final int COHERE_MAX_TEXTS = 96;
    static final int COHERE_MAX_CHARS = 2048;
    private static final int TITAN_MAX_CHARS = 50_000;
    private static final Set<String> COHERE_INPUT_TYPES =
            Set.of("search_document", "search_query", "classification", "clustering");
    private static final Set<String> COHERE_TYPES =
            Set.of("float", "int8", "uint8", "binary", "ubinary");

    /**
     * The text embedding models the emulator serves (on-demand foundation models; not in the chat
     * feature matrix, since they have no Converse API).
     */
    enum Model {
        TITAN_TEXT_V2("amazon.titan-embed-text-v2:0"),
        COHERE_ENGLISH_V3("cohere.embed-english-v3"),
        COHERE_MULTILINGUAL_V3("cohere.embed-multilingual-v3"),
        COHERE_V4("cohere.embed-v4:0"),
        NOVA_MULTIMODAL("amazon.nova-2-multimodal-embeddings-v1:0");

        private final String id;

        Model(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        /** The model a request's id (or foundation-model ARN) names, or null for any other model. */
        static Model of(String modelId) {
            String id = modelId == null ? "" : modelId.substring(modelId.lastIndexOf('/') + 1);
            for (Model model : values()) {
                if (model.id.equals(id)) {
                    return model;
                }
            }
            return null;
        }
    }

    /** The response body and the input tokens counted (sent as X-Amzn-Bedrock-Input-Token-Count). */
    record Result(ObjectNode body, int inputTokens) {}

    private EmbeddingFormat() {}

    static Result titan(String modelId, JsonNode body) {
        NativeFormat.allowOnly(
                body, Set.of("inputText", "dimensions", "normalize", "embeddingTypes"));
        NativeFormat.requireKeys(body, "inputText");
        JsonNode input = body.get("inputText");
        if (!input.isTextual()) {
            throw NativeFormat.malformed(
                    "#/inputText: expected type: String, found: " + kind(input));
        }
        String text = input.textValue();
        if (text.isEmpty()) {
            throw NativeFormat.malformed("#/inputText: expected minLength: 1, actual: 0");
        }
        if (text.length() > TITAN_MAX_CHARS) {
            throw NativeFormat.malformed(
                    "#/inputText: expected maxLength: "
                            + TITAN_MAX_CHARS
                            + ", actual: "
                            + text.length());
        }
        int dimensions = 1024;
        if (body.hasNonNull("dimensions")) {
            JsonNode value = body.get("dimensions");
            if (!value.isIntegralNumber() || !TITAN_DIMENSIONS.contains(value.asInt())) {
                throw NativeFormat.malformed(
                        "#/dimensions: " + value + " is not a valid enum value");
            }
            dimensions = value.asInt();
        }
        boolean normalize = !body.has("normalize") || body.get("normalize").asBoolean(true);
        List<String> types = new ArrayList<>();
        body.path("embeddingTypes").forEach(type -> types.add(type.asText()));
        for (String type : types) {
            if (!type.equals("float") && !type.equals("binary")) {
                throw NativeFormat.malformed(
                        "#/embeddingTypes/"
                                + types.indexOf(type)
                                + ": "
                                + type
                                + " is not a valid enum value");
            }
        }
        double[] vector = HashedEmbedding.of(modelId, text, dimensions, normalize);
        ObjectNode out = Json.object();
        out.set("embedding", floats(vector));
        int tokens = Math.max(1, Text.tokens(text));
        out.put("inputTextTokenCount", tokens);
        ObjectNode byType = out.putObject("embeddingsByType");
        if (types.isEmpty() || types.contains("float")) {
            byType.set("float", floats(vector));
        }
        if (types.contains("binary")) {
            ArrayNode bits = byType.putArray("binary");
            for (double value : vector) {
                bits.add(value > 0 ? 1 : 0);
            }
        }
        return new Result(out, tokens);
    }

    static Result cohere(String modelId, JsonNode body) {
        NativeFormat.allowOnly(
                body, Set.of("texts", "images", "input_type", "truncate", "embedding_types"));
        NativeFormat.requireKeys(body, "input_type");
        String inputType = body.get("input_type").asText();
        if (!COHERE_INPUT_TYPES.contains(inputType) && !inputType.equals("image")) {
            throw NativeFormat.malformed(
                    "#/input_type: " + inputType + " is not a valid enum value");
        }
        JsonNode texts = body.get("texts");
        if (texts == null || !texts.isArray()) {
            throw NativeFormat.malformed("#: required key [texts] not found");
        }
        if (texts.size() > COHERE_MAX_TEXTS) {
            throw NativeFormat.malformed(
                    "#/texts: expected maxItems: "
                            + COHERE_MAX_TEXTS
                            + ", actual: "
                            + texts.size());
        }
        String truncate = body.path("truncate").asText("NONE");
        if (!Set.of("NONE", "START", "END").contains(truncate)) {
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
        ArrayNode echoed = Json.array();
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            JsonNode text = texts.get(i);
            if (!text.isTextual()) {
                throw NativeFormat.malformed(
                        "#/texts/" + i + ": expected type: String, found: " + kind(text));
            }
            String value = text.textValue();
            if (value.length() > COHERE_MAX_CHARS) {
                if (truncate.equals("NONE")) {
                    throw NativeFormat.malformed(
                            "#/texts/"
                                    + i
                                    + ": expected maxLength: "
                                    + COHERE_MAX_CHARS
                                    + ", actual: "
                                    + value.length());
                }
                value =
                        truncate.equals("START")
                                ? value.substring(value.length() - COHERE_MAX_CHARS)
                                : value.substring(0, COHERE_MAX_CHARS);
            }
            // Cohere prepends the input type as special tokens: the same text embeds differently
            // per type.
            vectors.add(
                    HashedEmbedding.of(modelId + "|" + inputType, value, COHERE_DIMENSIONS, true));
            echoed.add(value.toLowerCase(java.util.Locale.ROOT));
            tokens += Text.tokens(value);
        }
        ObjectNode out = Json.object();
        out.put(
                "id",
                DeterministicModel.hash(modelId + "\n" + inputType + "\n" + texts)
                        .substring(0, 36));
        out.set("texts", echoed);
        if (types.isEmpty()) {
            ArrayNode list = out.putArray("embeddings");
            vectors.forEach(vector -> list.add(floats(vector)));
            out.put("response_type", "embeddings_floats");
        } else {
            ObjectNode byType = out.putObject("embeddings");
            for (String type : types) {
                ArrayNode list = byType.putArray(type);
                vectors.forEach(vector -> list.add(quantized(vector, type)));
            }
            out.put("response_type", "embeddings_by_type");
        }
        return new Result(out, Math.max(tokens, texts.isEmpty() ? 0 : 1));
    }

    static ArrayNode floats(double[] vector) {
        ArrayNode out = Json.array();
        for (double value : vector) {
            out.add((float) value);
        }
        return out;
    }

    /** Cohere's compressed types: int8/uint8 scaled values, binary/ubinary one bit per dimension packed in bytes. */
    static ArrayNode quantized(double[] vector, String type) {
        ArrayNode out = Json.array();
        switch (type) {
            case "float" -> out.addAll(floats(vector));
            case "int8" -> {
                for (double value : vector) {
                    out.add((int) Math.max(-128, Math.min(127, Math.round(value * 127 * 4))));
                }
            }
            case "uint8" -> {
                for (double value : vector) {
                    out.add((int) Math.max(0, Math.min(255, Math.round(value * 127 * 4) + 128)));
                }
            }
            default -> {
                for (int i = 0; i < vector.length; i += 8) {
                    int packed = 0;
                    for (int bit = 0; bit < 8; bit++) {
                        packed = (packed << 1) | (vector[i + bit] > 0 ? 1 : 0);
                    }
                    out.add(type.equals("binary") ? packed - 128 : packed);
                }
            }
        }
        return out;
    }

    static String kind(JsonNode node) {
        return node.isNumber()
                ? "Number"
                : node.isBoolean()
                        ? "Boolean"
                        : node.isArray() ? "JSONArray" : node.isObject() ? "JSONObject" : "Null";
    }
}
