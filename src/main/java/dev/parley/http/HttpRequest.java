package dev.parley.http;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as Parley sees it, whatever event carried it (HTTP API 2.0, REST 1.0, Function
 * URL). Header names are lower-case; the body is already base64-decoded.
 *
 * @param caller the authenticated identity from the authorizer context, or {@code anonymous}
 * @param deadline when the invocation runs out of time (from the Lambda context); long-running work stops before it
 * @param pathParams filled in by the router from the matched route template
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        String caller,
        String requestId,
        Instant deadline,
        Map<String, String> pathParams) {

    public static final String ANONYMOUS = "anonymous";

    public HttpRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter '" + name + "'");
        }
        return value;
    }

    public HttpRequest withPathParams(Map<String, String> params) {
        return new HttpRequest(method, path, headers, query, body, caller, requestId, deadline, params);
    }

    public boolean isAnonymous() {
        return ANONYMOUS.equals(caller);
    }
}
