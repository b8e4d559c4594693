package dev.parley.embeddings;

import java.util.List;

/** Vectors in the order of the texts, and the input tokens Bedrock counted for them. */
public record Embeddings(List<float[]> vectors, int inputTokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
