package dev.parley.bedrock;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalog: aliases mapped to model ids or cross-region inference profile ids. Capabilities
 * and limits come from the feature matrix ({@code bedrock/model-features.json}); a catalog entry may
 * only lower the limits. The catalog is the allow-list; {@code allowed} can narrow it further
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

        /** A lower {@code maxTokens} ceiling than the model's own (the matrix's), e.g. to bound cost. */
        Optional<Integer> maxOutputTokens();

        /** A smaller context window than the model's, used to size history windows and document chunks. */
        Optional<Integer> contextTokens();

        /**
         * For an id the feature matrix does not know (a new model, an application inference profile
         * or prompt-router ARN): the model it behaves like, by catalog alias or model id, whose row
         * (capabilities, limits, lifecycle dates) it takes. E.g. an application inference profile
         * copied from {@code global.anthropic.claude-sonnet-4-6}: {@code like=claude-sonnet-4-6}.
         */
        Optional<String> like();

        /**
         * For an id the matrix does not know and without {@code like}: what the model can do, any of
         * {@code system, streaming, documents, vision, tools, streaming-tools, guardrails}. Without
         * it: text only, streamed or not (see {@code DeclaredModel}).
         */
        Optional<List<String>> capabilities();

        /** The provider shown in listings for a declared model (default: the id's prefix, e.g. {@code mistral}). */
        Optional<String> provider();
    }
}
