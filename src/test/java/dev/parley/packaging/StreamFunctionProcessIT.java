package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.StandIns;
import dev.parley.testing.FunctionZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stream function as Lambda starts it, with {@code PARLEY_STREAM_FUNCTION=true}, against the
 * Runtime API stand-in: target/function.zip unpacked as /var/task, and for a JVM zip the zip's exec
 * wrapper ({@code stream-runtime}) called with the java25 runtime's own command line, for a native
 * zip {@code bootstrap}. The process must take its invocations with Parley's loop (not the
 * runtime's client, which is not even on the class path here, nor Quarkus's native loop) and
 * answer an HTTP request in the streaming mode: prelude, chunks, no error trailers; any other event
 * whole.
 */
class StreamFunctionProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWrapperStartsParleysLoopWhichStreams() throws Exception {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.isRegularFile(zip), "package first: ./mvnw package -DskipTests");
        boolean nativeZip = zipHoldsBootstrap(zip);
        Path task = FunctionZip.unpack(zip, Path.of("target", "stream-function").toAbsolutePath());
        Path log = Path.of("target", "stream-function.log");
        try (StandIns standIns = StandIns.start(StandIns.Options.ephemeral());
                LocalRuntimeApi api = LocalRuntimeApi.start()) {
            List<String> command = new ArrayList<>();
            if (nativeZip) {
                // provided.al2023 runs bootstrap; Quarkus's own loop starts too and must stay
                // parked.
                task.resolve("bootstrap").toFile().setExecutable(true);
                command.add(task.resolve("bootstrap").toString());
                standIns.functionConfig()
                        .forEach((key, value) -> command.add("-D" + key + "=" + value));
            } else {
                command.addAll(
                        List.of(
                                "sh",
                                task.resolve("stream-runtime").toString(),
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:+TieredCompilation",
                                "-XX:TieredStopAtLevel=1"));
                standIns.functionConfig()
                        .forEach((key, value) -> command.add("-D" + key + "=" + value));
                // What the runtime would have run, and the wrapper must not: its client and the
                // handler.
                command.addAll(
                        List.of(
                                "-cp",
                                "/var/runtime/lib/*",
                                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"));
            }
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(task.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet()
                    .removeIf(
                            name ->
                                    name.startsWith("AWS_")
                                            || name.startsWith("PARLEY_")
                                            || name.startsWith("QUARKUS_")
                                            || name.equals("JAVA_TOOL_OPTIONS"));
            env.put("PARLEY_STREAM_FUNCTION", "true");
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("LAMBDA_TASK_ROOT", task.toString());
            env.put("AWS_REGION", StandIns.REGION);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "parley-stream");
            Process process = builder.start();
            try {
                ObjectNode event =
                        (ObjectNode)
                                JSON.readTree(Files.readString(Path.of("events", "health.json")));
                event.put("rawPath", "/openai/v1/chat/completions");
                ((ObjectNode) event.path("requestContext").path("http"))
                        .put("method", "POST")
                        .put("path", "/openai/v1/chat/completions");
                event.put(
                        "body",
                        "{\"model\": \"nova-micro\", \"stream\": true, \"messages\": "
                                + "[{\"role\": \"user\", \"content\": \"Hello from the wrapper\"}]}");
                event.put("isBase64Encoded", false);

                CompletableFuture<Integer> status = new CompletableFuture<>();
                CompletableFuture<Map<String, String>> trailers = new CompletableFuture<>();
                List<String> chunks = new CopyOnWriteArrayList<>();
                api.invoke(
                        JSON.writeValueAsBytes(event),
                        Duration.ofMinutes(2),
                        new LocalRuntimeApi.Receiver() {
                            @Override
                            public void head(
                                    int code, Map<String, String> headers, List<String> cookies) {
                                status.complete(code);
                            }

                            @Override
                            public void chunk(byte[] bytes) {
                                chunks.add(new String(bytes, StandardCharsets.UTF_8));
                            }

                            @Override
                            public void end(Map<String, String> fields) {
                                trailers.complete(fields);
                            }

                            @Override
                            public void whole(byte[] body) {
                                trailers.completeExceptionally(
                                        new AssertionError(
                                                "answered buffered: "
                                                        + new String(
                                                                body, StandardCharsets.UTF_8)));
                            }

                            @Override
                            public void failed(String detail) {
                                trailers.completeExceptionally(new AssertionError(detail));
                            }
                        });
                Map<String, String> fields = trailers.get(120, TimeUnit.SECONDS);
                assertEquals(200, status.get());
                assertEquals(Map.of(), fields, "no error trailers");
                String body = String.join("", chunks);
                assertTrue(
                        body.contains("chat.completion.chunk") && body.endsWith("data: [DONE]\n\n"),
                        body);
                assertTrue(
                        chunks.size() > 2,
                        "the events arrived as separate chunks: " + chunks.size());

                // Not an HTTP request: answered whole, as Quarkus's loop would.
                LocalRuntimeApi.Outcome other =
                        api.await(
                                api.invoke("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)),
                                Duration.ofSeconds(30));
                JsonNode answer = JSON.readTree(other.body());
                assertEquals(
                        "unsupported_event",
                        answer.path("error").path("code").asText(),
                        other.body());
                assertTrue(api.initErrors().isEmpty(), api.initErrors().toString());
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static boolean zipHoldsBootstrap(Path zip) throws java.io.IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return file.getEntry("bootstrap") != null;
        }
    }
}
