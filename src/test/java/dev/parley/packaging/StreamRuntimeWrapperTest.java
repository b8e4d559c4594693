package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM stream function's exec wrapper (src/main/zip.jvm/stream-runtime) keeps the runtime's JVM
 * options word for word, two-word options and options with spaces included, and replaces the
 * runtime client's class path and main class with Parley's.
 */
class StreamRuntimeWrapperTest {

    @Test
    void multiWordJvmOptionsReachTheJvmIntact(@TempDir Path dir)
            throws IOException, InterruptedException {
        // A stand-in for the java binary that prints each argument it receives on its own line.
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "sh",
                                "src/main/zip.jvm/stream-runtime",
                                java.toString(),
                                "-XX:+TieredCompilation",
                                "--add-opens",
                                "java.base/java.lang=ALL-UNNAMED",
                                "-Dgreeting=hello world",
                                "-cp",
                                "/var/runtime/lib/client.jar",
                                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                                "handler::handleRequest"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LAMBDA_TASK_ROOT", "/var/task");
        Process process = builder.start();
        List<String> arguments =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        assertEquals(0, process.waitFor(), arguments.toString());
        assertEquals(
                List.of(
                        "-XX:+TieredCompilation",
                        "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED",
                        "-Dgreeting=hello world",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp",
                        "/var/task:/var/task/lib/*",
                        "dev.parley.streaming.ParleyMain"),
                arguments);
    }
}
