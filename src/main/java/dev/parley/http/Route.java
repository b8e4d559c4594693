package dev.parley.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path template such as {@code /v1/models/{model}/invoke}. A {@code {name}} segment
 * matches one path segment; a trailing {@code {name+}} matches the rest of the path (as in API
 * Gateway's greedy path variables). Captured values are URL-decoded.
 */
public record Route(
        String method,
        String template,
        RouteHandler handler,
        boolean anonymousAllowed,
        boolean streams) {

    /**
     * @param anonymousAllowed whether anonymous callers may use the route even where the deployment requires
     *     an identity ({@code parley.http.require-identity}), as API Gateway leaves it without an
     *     authorizer: only {@code GET /v1/health}, so probes need no token
     * @param streams whether the route may answer as a stream, so the stream function serves it
     *     (template.yaml's streaming REST API; the local gateway derives its streaming routes from this)
     */
    public Route {}

    public Route(String method, String template, RouteHandler handler, boolean anonymousAllowed) {
        this(method, template, handler, anonymousAllowed, false);
    }

    /** A route that requires an identity wherever the deployment does. */
    public Route(String method, String template, RouteHandler handler) {
        this(method, template, handler, false);
    }

    /** This route, answered to anonymous callers too (template.yaml must leave it without an authorizer). */
    public Route allowAnonymous() {
        return new Route(method, template, handler, true, streams);
    }

    /** This route, served by the stream function too: it may answer with server-sent events. */
    public Route streamed() {
        return new Route(method, template, handler, anonymousAllowed, true);
    }

    public static Route get(String template, RouteHandler handler) {
        return new Route("GET", template, handler);
    }

    public static Route post(String template, RouteHandler handler) {
        return new Route("POST", template, handler);
    }

    public static Route delete(String template, RouteHandler handler) {
        return new Route("DELETE", template, handler);
    }

    /** The path parameters if {@code path} matches this route's template, whatever the method. */
    Optional<Map<String, String>> match(List<String> pathSegments) {
        List<String> templateSegments = segments(template);
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < templateSegments.size(); i++) {
            String expected = templateSegments.get(i);
            if (isGreedy(expected)) {
                if (i >= pathSegments.size()) {
                    return Optional.empty();
                }
                String rest = String.join("/", pathSegments.subList(i, pathSegments.size()));
                params.put(expected.substring(1, expected.length() - 2), decode(rest));
                return Optional.of(params);
            }
            if (i >= pathSegments.size()) {
                return Optional.empty();
            }
            String actual = pathSegments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), decode(actual));
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return templateSegments.size() == pathSegments.size()
                ? Optional.of(params)
                : Optional.empty();
    }

    static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static String decode(String value) {
        // Path segments are percent-encoded but, unlike query strings, '+' is a literal plus.
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
