package dev.parley.bedrock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalog: aliases mapped to model ids or cross-region inference profile ids, with their
 * limits and capabilities. The catalog is the allow-list; {@code allowed} can narrow it further
 * without rewriting it (e.g. {@code PARLEY_MODELS_ALLOWED=nova-micro,claude-3-5-haiku}).
 */
@ConfigMapping(prefix = "parley.models")
public interface ModelsSettings {

    /** Alias of the model used when a request names none. */
    String defaultModel();

    Optional<List<String>> allowed();

    Map<String, Model> catalog();

    interface Model {
        /** Model id or inference profile id as Bedrock expects it (e.g. {@code us.amazon.nova-micro-v1:0}). */
        String id();

        String provider();

        /** The model's largest {@code maxTokens}. */
        int maxOutputTokens();

        /** Context window in tokens; used to size history windows and document chunks. */
        int contextTokens();

        @WithDefault("true")
        boolean tools();

        @WithDefault("true")
        boolean documents();

        @WithDefault("true")
        boolean system();

        @WithDefault("true")
        boolean streaming();
    }
}
