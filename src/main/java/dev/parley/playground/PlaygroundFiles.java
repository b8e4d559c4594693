package dev.parley.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playground's static files, read from the class path once at start-up (never per request).
 * The list is fixed: the native image carries exactly these ({@code quarkus.native.resources.includes}),
 * and a request can only ever name one of them, so no path ever reaches the class loader.
 */
final class PlaygroundFiles {
    static final String INDEX = "index.html";

    /** Every file of {@code src/main/resources/playground/}; a file added there must be added here. */
    static final List<String> NAMES =
            List.of(
                    INDEX,
                    "style.css",
                    "app.js",
                    "api.js",
                    "dom.js",
                    "chat.js",
                    "compare.js",
                    "summarize.js",
                    "tools.js",
                    "documents.js",
                    "keys.js");

    /** One file: its media type and its text (all of them are UTF-8 text, so none needs base64). */
    record StaticFile(String contentType, String text) {}

    private final Map<String, StaticFile> files;

    private PlaygroundFiles(Map<String, StaticFile> files) {
        this.files = Map.copyOf(files);
    }

    static PlaygroundFiles load() {
        Map<String, StaticFile> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            files.put(name, new StaticFile(contentType(name), read("playground/" + name)));
        }
        return new PlaygroundFiles(files);
    }

    Optional<StaticFile> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        throw new IllegalArgumentException("no media type for playground file " + name);
    }

    private static String read(String resource) {
        try (InputStream in =
                PlaygroundFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the playground file " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
