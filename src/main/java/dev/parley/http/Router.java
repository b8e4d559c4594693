package dev.parley.http;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.lifecycle.LifecycleNotices;
import dev.parley.metrics.Metrics;
import dev.parley.pipeline.CacheNotice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Routes an {@link HttpRequest} to the handler of the matching route and turns every failure into
 * the contract's JSON error: unknown path 404, known path with another method 405 plus
 * {@code Allow}, a {@link ParleyException} its own status, anything unexpected a logged 500 that
 * reveals nothing.
 */
@ApplicationScoped
public class Router {
    private static final Logger LOG = Logger.getLogger(Router.class);

    private final List<Route> routes = new ArrayList<>();
    private final List<Admission> admissions = new ArrayList<>();
    private final ErrorResponses errors;
    private final List<ErrorShape> shapes = new ArrayList<>();
    private final Metrics metrics;
    private final BodyStream bodyStream;
    private final Dialects dialects;

    Router(
            Instance<RouteSet> routeSets,
            Instance<Admission> admissions,
            ErrorResponses errors,
            Instance<ErrorShape> shapes,
            Metrics metrics,
            BodyStream bodyStream,
            Dialects dialects) {
        this.bodyStream = bodyStream;
        this.dialects = dialects;
        routeSets.forEach(set -> routes.addAll(set.routes()));
        admissions.forEach(this.admissions::add);
        this.admissions.sort(java.util.Comparator.comparingInt(Admission::order));
        this.errors = errors;
        shapes.forEach(this.shapes::add);
        this.metrics = metrics;
    }

    /**
     * The paths of the routes that may answer as a stream ({@link Route#streamed()}): those the
     * stream function serves, declared once by the routes themselves.
     */
    public Set<String> streamingPaths() {
        return routes.stream()
                .filter(Route::streams)
                .map(Route::template)
                .collect(Collectors.toUnmodifiableSet());
    }

    public HttpResponse dispatch(HttpRequest request) {
        // A legacy model resolved while handling the request leaves its warning headers here
        // (lifecycle/).
        LifecycleNotices.Notice lifecycle = LifecycleNotices.open();
        // The response cache reads the client's directive here and leaves each cacheable call's
        // hit or miss (pipeline/CacheNotice): no route handles either header.
        CacheNotice cache = CacheNotice.open(noCache(request));
        HttpResponse response;
        try {
            response = handle(request);
        } finally {
            LifecycleNotices.close();
            CacheNotice.close();
        }
        // Only an answer carries a legacy model's warning or a cache verdict: a refusal (a retired
        // model in the same compare, a validation error after resolution) carries its own headers
        // or none.
        if (response.status() >= 300) {
            return response;
        }
        Map<String, String> notice =
                new LinkedHashMap<>(lifecycle.headers(dialects.modelsPath(request.path())));
        cache.header().ifPresent(verdict -> notice.put(CacheNotice.HEADER, verdict));
        return notice.isEmpty()
                ? response
                : new HttpResponse(
                        response.status(),
                        LifecycleNotices.merge(notice, response.headers()),
                        response.body());
    }

    private static boolean noCache(HttpRequest request) {
        return request.header("cache-control")
                .map(value -> value.toLowerCase(Locale.ROOT).contains("no-cache"))
                .orElse(false);
    }

    private HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (ParleyException e) {
            return error(e, request);
        } catch (RuntimeException e) {
            if (bodyStream.started(request)) {
                // The client already has a 200 and part of the body: this is no 500. The stream's
                // error
                // trailers tell Lambda (streaming.StreamRuntime), the body ends where it stopped.
                LOG.errorf(
                        e,
                        "%s %s failed after its response started (request %s); reported in the stream's "
                                + "error trailers",
                        request.method(),
                        request.path(),
                        request.requestId());
            } else {
                LOG.errorf(
                        e,
                        "unhandled error on %s %s (request %s)",
                        request.method(),
                        request.path(),
                        request.requestId());
            }
            return error(
                    new ParleyException(
                            ErrorCode.INTERNAL_ERROR,
                            "Parley failed to handle this request; it has been logged with request id "
                                    + request.requestId()),
                    request);
        }
    }

    /** A request refused before routing, answered in the error shape of the API its path belongs to. */
    public HttpResponse refuse(HttpRequest request, ParleyException e) {
        return error(e, request);
    }

    private HttpResponse error(ParleyException e, HttpRequest request) {
        metrics.requestError(e.code());
        for (ErrorShape shape : shapes) {
            if (shape.covers(request.path())) {
                return shape.of(e, request.requestId());
            }
        }
        return errors.of(e, request.requestId());
    }

    private HttpResponse route(HttpRequest request) {
        List<String> segments = Route.segments(request.path());
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(segments);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equalsIgnoreCase(request.method())) {
                return admitAndHandle(route, request.withPathParams(params.get()));
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ParleyException.notFound(
                    "no route for " + request.method() + " " + request.path());
        }
        String allow = String.join(", ", allowed);
        throw new ParleyException(
                ErrorCode.METHOD_NOT_ALLOWED,
                request.method() + " is not allowed on " + request.path() + "; allowed: " + allow,
                Map.of("Allow", allow),
                null);
    }

    /**
     * Runs the admission chain (identity, body size, key authentication, rate limits) and then the
     * route's handler as whoever the chain says is calling; the chain's headers go on the answer.
     */
    private HttpResponse admitAndHandle(Route route, HttpRequest request) {
        HttpRequest admitted = request;
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Admission admission : admissions) {
            Admission.Admitted result = admission.admit(route, admitted);
            admitted = result.request();
            headers.putAll(result.headers());
        }
        HttpResponse response = route.handler().handle(admitted);
        if (headers.isEmpty()) {
            return response;
        }
        headers.putAll(response.headers());
        return new HttpResponse(response.status(), headers, response.body());
    }
}
