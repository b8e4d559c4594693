package dev.parley.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.Route;
import dev.parley.http.TextBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlaygroundRoutesTest {
    private static final Path FOLDER = Path.of("src/main/resources/playground");

    private final List<Route> routes = new PlaygroundRoutes(() -> true).routes();

    @Test
    void offByDefaultMeansNoRoutesAtAll() {
        assertEquals(List.of(), new PlaygroundRoutes(() -> false).routes());
    }

    @Test
    void servesTheIndexFromTheFolderUrlWithItsSecurityHeaders() {
        HttpResponse index = get("/playground", "/playground/", Map.of());
        assertEquals(200, index.status());
        TextBody body = (TextBody) index.body();
        assertEquals("text/html; charset=utf-8", body.contentType());
        assertTrue(
                body.text().contains("<script type=\"module\" src=\"app.js\"></script>"),
                body.text());
        String csp = index.headers().get("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", index.headers().get("X-Content-Type-Options"));
        // The page carries the same policy (but frame-ancestors, a header-only directive) when
        // hosted elsewhere.
        String meta = csp.replace("; frame-ancestors 'none'", "");
        assertTrue(
                body.text()
                        .contains(
                                "<meta http-equiv=\"Content-Security-Policy\" content=\""
                                        + meta
                                        + "\">"),
                meta);
    }

    @Test
    void rootAndTheBareFolderRedirectToTheFolderKeepingTheQuery() {
        HttpResponse root =
                get(
                        "/",
                        "/",
                        Map.of(
                                "user",
                                "alice b",
                                "upload",
                                "http://127.0.0.1:9090/parley-documents"));
        assertEquals(302, root.status());
        String location = root.headers().get("Location");
        assertTrue(location.startsWith("playground/?"), location);
        assertTrue(location.contains("user=alice+b"), location);
        assertTrue(
                location.contains("upload=http%3A%2F%2F127.0.0.1%3A9090%2Fparley-documents"),
                location);
        assertEquals("playground/", get("/", "/", Map.of()).headers().get("Location"));
        assertEquals(
                "playground/",
                get("/playground", "/playground", Map.of()).headers().get("Location"));
    }

    @Test
    void servesEveryFileWithItsMediaTypeAndNothingElse() {
        for (String name : PlaygroundFiles.NAMES) {
            HttpResponse response =
                    get(
                            "/playground/{file}",
                            "/playground/" + name,
                            Map.of(),
                            Map.of("file", name));
            assertEquals(200, response.status(), name);
            assertEquals(
                    PlaygroundFiles.contentType(name), ((TextBody) response.body()).contentType());
        }
        for (String name :
                List.of("missing.js", "..%2Fapplication.properties", "../application.properties")) {
            ParleyException e =
                    assertThrows(
                            ParleyException.class,
                            () ->
                                    get(
                                            "/playground/{file}",
                                            "/playground/" + name,
                                            Map.of(),
                                            Map.of("file", name)));
            assertEquals(ErrorCode.NOT_FOUND, e.code(), name);
        }
    }

    @Test
    void everyRouteIsOpenLikeHealthBecauseTheFilesHoldNoData() {
        assertTrue(routes.stream().allMatch(Route::anonymousAllowed));
    }

    /** A file added to the folder but not to the list would be missing from the page (and the native image). */
    @Test
    void theListNamesExactlyTheFolderAndEveryReferencedFileExists() throws IOException {
        TreeSet<String> inFolder;
        try (Stream<Path> files = Files.list(FOLDER)) {
            inFolder =
                    files.map(file -> file.getFileName().toString())
                            .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(inFolder, new TreeSet<>(PlaygroundFiles.NAMES));
        Pattern reference = Pattern.compile("(?:from '\\./|src=\"|href=\")([\\w.-]+\\.(?:js|css))");
        for (String name : inFolder) {
            Matcher matcher = reference.matcher(Files.readString(FOLDER.resolve(name)));
            while (matcher.find()) {
                assertTrue(
                        inFolder.contains(matcher.group(1)),
                        name + " refers to " + matcher.group(1));
            }
        }
    }

    /** The page never parses text as markup: model output goes in through text nodes only. */
    @Test
    void noScriptWritesMarkup() throws IOException {
        for (String name : PlaygroundFiles.NAMES) {
            if (name.endsWith(".js")) {
                String script = Files.readString(FOLDER.resolve(name));
                for (String sink :
                        List.of(
                                "innerHTML",
                                "outerHTML",
                                "insertAdjacentHTML",
                                "document.write",
                                "eval(")) {
                    assertTrue(!script.contains(sink), name + " uses " + sink);
                }
            }
        }
    }

    private HttpResponse get(String template, String path, Map<String, String> query) {
        return get(template, path, query, Map.of());
    }

    private HttpResponse get(
            String template, String path, Map<String, String> query, Map<String, String> params) {
        Route route =
                routes.stream()
                        .filter(candidate -> candidate.template().equals(template))
                        .findFirst()
                        .orElseThrow();
        HttpRequest request =
                new HttpRequest(
                        "GET",
                        path,
                        Map.of(),
                        query,
                        "",
                        HttpRequest.ANONYMOUS,
                        "test",
                        Instant.now().plusSeconds(30),
                        params);
        return route.handler().handle(request);
    }
}
