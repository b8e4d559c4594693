package dev.parley.http;

import dev.parley.error.ParleyException;

/**
 * An API that speaks another error format on its own paths (the OpenAI-compatible API under
 * {@code /openai/}). The router asks every bean whether it covers a request's path and uses the
 * first that does for every failure there (no route, 405, 401, 413, the handler's errors);
 * everywhere else errors keep the contract's shape ({@link ErrorResponses}).
 */
public interface ErrorShape {

    boolean covers(String path);

    HttpResponse of(ParleyException e, String requestId);
}
