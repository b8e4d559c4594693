package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A browser client reads a response header only when CORS exposes it: every X-Parley-* and
 * x-ratelimit-* header the code sends is in the HTTP API's exposeHeaders (template.yaml) and in the
 * streaming API's (Cors, answered by the stream function). Found by scanning the sources, so a new
 * header cannot be forgotten.
 */
class CorsExposesEveryResponseHeaderTest {
    private static final Pattern HEADER =
            Pattern.compile("\"((?i:x-parley-|x-ratelimit-)[A-Za-z-]+)\"");

    @Test
    void everyParleyAndRateLimitHeaderIsExposedOnBothApis() throws IOException {
        Set<String> sent = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = HEADER.matcher(Files.readString(file));
                while (m.find()) {
                    sent.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        assertTrue(
                sent.containsAll(
                        Set.of(
                                "x-parley-warning",
                                "x-parley-token-count",
                                "x-ratelimit-remaining-requests")),
                sent.toString());
        Set<String> streaming =
                Arrays.stream(Cors.EXPOSE_HEADERS.split(","))
                        .collect(Collectors.toCollection(TreeSet::new));
        Matcher template =
                Pattern.compile("exposeHeaders: \\[([^\\]]+)]")
                        .matcher(Files.readString(Path.of("template.yaml")));
        assertTrue(template.find(), "the HTTP API's CORS configuration");
        Set<String> http =
                Arrays.stream(template.group(1).split(","))
                        .map(String::strip)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(sent);
        missing.removeAll(http);
        assertEquals(Set.of(), missing, "not exposed by the HTTP API");
        missing = new TreeSet<>(sent);
        missing.removeAll(streaming);
        assertEquals(Set.of(), missing, "not exposed by the streaming API");
    }
}
