package dev.parley.playground;

import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.http.TextBody;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /} and {@code GET /playground/{file}}: the web playground, a static page that calls
 * only the public API. No routes at all unless {@code parley.playground.enabled} (the local run
 * turns it on), so a deployed function answers these paths 404 like any unknown path.
 */
@ApplicationScoped
public class PlaygroundRoutes implements RouteSet {
    /**
     * The page loads only its own files, talks to any API base and WebSocket URL it is pointed at
     * (and the local S3 for uploads), and never runs inline script: model text that slipped into
     * markup still could not execute.
     */
    static final Map<String, String> HEADERS =
            Map.of(
                    "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    + "connect-src 'self' http: https: ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer",
                    // Small files; revalidating keeps a reloaded local run's page current.
                    "Cache-Control", "no-cache");

    private final PlaygroundSettings settings;
    private PlaygroundFiles files;

    PlaygroundRoutes(PlaygroundSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        if (!settings.enabled()) {
            return List.of();
        }
        files = PlaygroundFiles.load();
        // Open, like GET /v1/health: static files that hold no data; the page asks for a token
        // itself.
        return List.of(
                Route.get("/", PlaygroundRoutes::toFolder).allowAnonymous(),
                Route.get("/playground", this::index).allowAnonymous(),
                Route.get("/playground/{file}", request -> file(request.pathParam("file")))
                        .allowAnonymous());
    }

    /** The page's files are referenced relatively, so the page must be read from the folder URL. */
    private HttpResponse index(HttpRequest request) {
        return request.path().endsWith("/") ? file(PlaygroundFiles.INDEX) : toFolder(request);
    }

    /** To the folder, keeping the query: the page reads its settings from it ({@code ?api=&ws=&upload=&user=}). */
    private static HttpResponse toFolder(HttpRequest request) {
        String query =
                request.query().entrySet().stream()
                        .map(
                                parameter ->
                                        encode(parameter.getKey())
                                                + "="
                                                + encode(parameter.getValue()))
                        .collect(Collectors.joining("&"));
        // Relative, so it holds behind a stage path too (REST API /prod/ -> /prod/playground/).
        return new HttpResponse(
                302,
                Map.of("Location", "playground/" + (query.isEmpty() ? "" : "?" + query)),
                null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse file(String name) {
        PlaygroundFiles.StaticFile file =
                files.find(name)
                        .orElseThrow(() -> ParleyException.notFound("no playground file " + name));
        return new HttpResponse(200, HEADERS, new TextBody(file.contentType(), file.text()));
    }
}
