package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The routes that may answer as a stream declare it ({@link Route#streamed()}); the local gateway
 * sends exactly those to the stream function, and template.yaml's streaming REST API must serve each.
 */
@QuarkusTest
class StreamingRoutesTest {
    @Inject Router router;

    @Test
    void theStreamedRoutesAreDeclaredByTheirEdges() {
        assertEquals(
                Set.of(
                        "/v1/chat",
                        "/openai/v1/chat/completions",
                        "/openai/v1/responses",
                        "/anthropic/v1/messages"),
                router.streamingPaths());
    }

    @Test
    void theTemplatesStreamingApiServesEveryStreamedRoute() throws IOException {
        List<String> served = streamingApiPaths();
        for (String path : router.streamingPaths()) {
            assertTrue(
                    served.stream()
                            .anyMatch(
                                    template ->
                                            template.equals(path)
                                                    || template.endsWith("/{proxy+}")
                                                            && path.startsWith(
                                                                    template.substring(
                                                                            0,
                                                                            template.length()
                                                                                    - "{proxy+}"
                                                                                            .length()))),
                    path + " is not on the streaming API: " + served);
        }
    }

    /** The paths of the streaming REST API's OpenAPI body in template.yaml. */
    private static List<String> streamingApiPaths() throws IOException {
        List<String> paths = new ArrayList<>();
        boolean inStreamingApi = false;
        for (String line : Files.readAllLines(Path.of("template.yaml"))) {
            if (line.contains("${AWS::StackName}-streaming")) {
                inStreamingApi = true;
            } else if (inStreamingApi && line.matches("^  [A-Za-z]+:$")) {
                break;
            } else if (inStreamingApi && line.matches("^ {10}/\\S*:$")) {
                paths.add(line.strip().replaceAll(":$", ""));
            }
        }
        assertTrue(!paths.isEmpty(), "template.yaml has no streaming API paths");
        return paths;
    }
}
