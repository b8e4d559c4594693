package dev.parley.embeddings;

import java.util.List;

/**
 * One allowed embedding model and the limits of its native API.
 *
 * @param dimensions the vector sizes the model can produce; the first is its default
 * @param maxTextsPerCall how many texts one InvokeModel call takes (Titan: 1, Cohere: 96)
 * @param maxChars the longest text one call accepts
 */
public record EmbeddingModel(
        String alias,
        String modelId,
        String provider,
        Format format,
        List<Integer> dimensions,
        int maxTextsPerCall,
        int maxChars) {

    public enum Format {
        TITAN_V2,
        COHERE_V3,
        COHERE_V4,
        NOVA_MULTIMODAL
    }

    public EmbeddingModel {
        dimensions = List.copyOf(dimensions);
    }

    public int defaultDimensions() {
        return dimensions.get(0);
    }

    static EmbeddingModel of(String alias, String id, String format) {
        return switch (format) {
            // Titan Text Embeddings V2: 1024 (default), 512 or 256 dimensions; 8,192 tokens or
            // 50,000 characters.
            case "titan-v2" ->
                    new EmbeddingModel(
                            alias,
                            id,
                            "amazon",
                            Format.TITAN_V2,
                            List.of(1024, 512, 256),
                            1,
                            50_000);
            // Cohere Embed v3 (English, Multilingual): 1024 dimensions; up to 96 texts of 2,048
            // characters per call.
            case "cohere-v3" ->
                    new EmbeddingModel(
                            alias, id, "cohere", Format.COHERE_V3, List.of(1024), 96, 2048);
            // Cohere Embed v4 (AWS's 'Cohere Embed v4' page): output_dimension 1536 (default),
            // 1024, 512 or 256; up to 96 texts per call, about 128,000 tokens each (no character
            // limit is stated: 500,000 characters is about 128,000 tokens at 4 per token).
            case "cohere-v4" ->
                    new EmbeddingModel(
                            alias,
                            id,
                            "cohere",
                            Format.COHERE_V4,
                            List.of(1536, 1024, 512, 256),
                            96,
                            500_000);
            // Amazon Nova Multimodal Embeddings (AWS's Nova embeddings request schema): one input
            // per synchronous call, embeddingDimension 3072 (default), 1024, 384 or 256, 8K tokens
            // of context (no character limit is stated: 32,000 characters is about 8,000 tokens).
            case "nova-multimodal" ->
                    new EmbeddingModel(
                            alias,
                            id,
                            "amazon",
                            Format.NOVA_MULTIMODAL,
                            List.of(3072, 1024, 384, 256),
                            1,
                            32_000);
            default ->
                    throw new IllegalStateException(
                            "parley.embeddings.catalog."
                                    + alias
                                    + ".format is '"
                                    + format
                                    + "'; expected titan-v2, cohere-v3, cohere-v4 or nova-multimodal");
        };
    }
}
