package dev.parley.http;

import dev.parley.identity.Caller;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as Parley sees it, whatever event carried it (HTTP API 2.0, REST 1.0, Function
 * URL). Header names are lower-case; the body is already base64-decoded.
 *
 * @param identity who is calling and how that was established (the admission chain may replace it,
 *     e.g. with the owner of a presented API key)
 * @param deadline when the invocation runs out of time (from the Lambda context); long-running work stops before it
 * @param pathParams filled in by the router from the matched route template
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        Caller identity,
        String requestId,
        Instant deadline,
        Map<String, String> pathParams) {

    public static final String ANONYMOUS = Caller.ANONYMOUS_ID;

    public HttpRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        body = body == null ? "" : body;
        identity = identity == null ? Caller.ANONYMOUS : identity;
    }

    /** A request from a caller named only by id (an authorizer's identity, or anonymous). */
    public HttpRequest(
            String method,
            String path,
            Map<String, String> headers,
            Map<String, String> query,
            String body,
            String caller,
            String requestId,
            Instant deadline,
            Map<String, String> pathParams) {
        this(
                method,
                path,
                headers,
                query,
                body,
                Caller.authenticated(caller, Caller.Via.AUTHORIZER, false),
                requestId,
                deadline,
                pathParams);
    }

    /** The caller's id: the owner of everything the request touches. */
    public String caller() {
        return identity.id();
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
        return new HttpRequest(
                method, path, headers, query, body, identity, requestId, deadline, params);
    }

    /** This request, made by {@code caller} (the admission chain's answer to "who is this?"). */
    public HttpRequest withIdentity(Caller caller) {
        return new HttpRequest(
                method, path, headers, query, body, caller, requestId, deadline, pathParams);
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }
}
