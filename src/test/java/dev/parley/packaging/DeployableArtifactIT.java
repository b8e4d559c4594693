package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package}: the Lambda artifact carries the function and nothing that exists only
 * for local runs and tests (the emulator, DynamoDB Local, S3Proxy, test libraries).
 */
class DeployableArtifactIT {
    private static final List<String> FORBIDDEN = List.of(
            "dev/parley/local/", // emulator, stand-ins, local gateway
            "dev/parley/testing/",
            "com/amazonaws/services/dynamodbv2/local/", // DynamoDB Local
            "org/gaul/s3proxy/", // S3Proxy
            "sqlite4java",
            "org/junit/",
            "io/restassured/",
            "io/vertx/", // the local WebSocket gateway only
            // The SDK's Apache 5 client comes with every 2.57 service module; Parley uses the
            // URL-connection client (sync) and Netty (streams), so it is excluded in the pom.
            "software/amazon/awssdk/http/apache5/",
            "org/apache/hc/");

    @Test
    void functionZipHoldsTheFunctionAndNoLocalOnlyCode() throws IOException {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.exists(zip), "target/function.zip is built by package");
        List<String> entries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(entry -> entries.addAll(namesIn(file, entry)));
        }
        assertTrue(entries.stream().anyMatch(name -> name.endsWith("dev/parley/lambda/ParleyHandler.class")),
                "the handler is in the artifact");
        for (String name : entries) {
            for (String forbidden : FORBIDDEN) {
                assertFalse(name.contains(forbidden), "local-only code in function.zip: " + name);
            }
        }
    }

    @Test
    void applicationFolderHoldsNoLocalOnlyLibraries() throws IOException {
        for (Path dir : List.of(Path.of("target", "lib"), Path.of("target", "quarkus-app"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.map(Path::toString).forEach(name -> {
                    assertFalse(name.contains("DynamoDBLocal"), name);
                    assertFalse(name.contains("s3proxy"), name);
                    assertFalse(name.contains("sqlite4java"), name);
                });
            }
        }
    }

    /** Entry names, looking one level into nested jars (the JVM zip carries the application as jars). */
    private static List<String> namesIn(ZipFile file, ZipEntry entry) {
        List<String> names = new ArrayList<>(List.of(entry.getName()));
        if (entry.getName().endsWith(".jar")) {
            try (ZipInputStream nested = new ZipInputStream(file.getInputStream(entry))) {
                for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
                    names.add(entry.getName() + "!/" + inner.getName());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + entry.getName(), e);
            }
        }
        return names;
    }
}
