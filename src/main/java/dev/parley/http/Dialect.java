package dev.parley.http;

import dev.parley.modelcall.ModelLifecycle;
import java.util.List;

/**
 * An API dialect Parley speaks besides its own (OpenAI's, Anthropic's): what the shared HTTP code
 * needs to know about it, declared by the dialect's own package as a bean, so that {@code http/},
 * {@code streaming/} and {@code lifecycle/} never test a path for {@code /openai/} or
 * {@code /anthropic/}. The dialect's error shape is its {@link ErrorShape} bean.
 */
public interface Dialect {

    /** The path prefix of every route of the dialect, with both slashes ({@code /openai/}). */
    String pathPrefix();

    /**
     * Where the dialect's clients find a model's entry: a legacy model's {@code Link} header
     * points there at its successor. Parley's own {@code /v1/models/} unless the dialect has its own.
     */
    default String modelsPath() {
        return ModelLifecycle.V1_MODELS_PATH;
    }

    /**
     * Request headers the dialect's clients send beyond Parley's own ({@code content-type},
     * {@code authorization}, {@code cache-control}, {@code x-api-key}), which a browser must be
     * allowed to send (CORS preflights).
     */
    default List<String> requestHeaders() {
        return List.of();
    }

    default boolean covers(String path) {
        return path.startsWith(pathPrefix());
    }
}
