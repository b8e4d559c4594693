package dev.parley.embeddings;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * The embeddings section of the model catalog: aliases mapped to Bedrock embedding models. Like
 * the chat catalog, it is the allow-list (and the IAM policy in template.yaml must follow it).
 */
@ConfigMapping(prefix = "parley.embeddings")
public interface EmbeddingsSettings {

    /** Alias used when a request names no model. */
    Optional<String> defaultModel();

    Map<String, Model> catalog();

    interface Model {
        /** Bedrock model id, e.g. {@code amazon.titan-embed-text-v2:0}. */
        String id();

        /** {@code titan-v2} or {@code cohere-v3}: which native body the model takes. */
        String format();
    }
}
