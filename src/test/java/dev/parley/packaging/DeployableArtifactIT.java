package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * for local runs and tests (the emulator, DynamoDB Local, S3Proxy, test libraries), in the shape its
 * runtime needs: the JVM zip (Packaging=jvm) Quarkus's stream handler and the application, the
 * native zip (Packaging=native) an executable {@code bootstrap}, which provided.al2023 starts.
 * A native zip is checked whenever one is there (./mvnw verify -Pnative,standins-for-tests
 * -Dmaven.test.skip=false on a machine with a native-image builder); the native profile that makes
 * one is checked by construction on every build.
 */
class DeployableArtifactIT {
    private static final List<String> FORBIDDEN =
            List.of(
                    "dev/parley/local/", // emulator, stand-ins, local gateway
                    "dev/parley/testing/",
                    "com/amazonaws/services/dynamodbv2/local/", // DynamoDB Local
                    "org/gaul/s3proxy/", // S3Proxy
                    "sqlite4java",
                    "org/junit/",
                    "io/restassured/",
                    "io/vertx/", // the local WebSocket gateway only
                    // The SDK's Apache 5 client comes with every 2.57 service module; Parley uses
                    // the
                    // URL-connection client (sync) and Netty (streams), so it is excluded in the
                    // pom.
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
        assertTrue(
                entries.stream()
                        .anyMatch(name -> name.endsWith("dev/parley/lambda/ParleyHandler.class")),
                "the handler is in the artifact");
        for (String name : entries) {
            for (String forbidden : FORBIDDEN) {
                assertFalse(name.contains(forbidden), "local-only code in function.zip: " + name);
            }
        }
    }

    @Test
    void functionZipHasTheShapeOfItsPackaging() throws IOException {
        Path zip = Path.of("target", "function.zip");
        List<String> entries = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(entry -> entries.addAll(namesIn(file, entry)));
        }
        if (entries.contains("bootstrap")) {
            // Native: the executable and at most the shared libraries Quarkus copies beside it.
            for (String name : entries) {
                assertTrue(
                        name.equals("bootstrap") || name.endsWith(".so"),
                        "unexpected in a native zip: " + name);
            }
            try (ZipFile file = new ZipFile(zip.toFile());
                    var in = file.getInputStream(file.getEntry("bootstrap"))) {
                byte[] magic = in.readNBytes(4);
                assertArrayEquals(
                        new byte[] {0x7f, 'E', 'L', 'F'}, magic, "bootstrap is a Linux executable");
            }
            int mode = unixMode(zip, "bootstrap");
            assertTrue(
                    (mode & 0100) != 0,
                    "bootstrap is executable (mode " + Integer.toOctalString(mode) + ")");
        } else {
            // JVM: the handler the template names for Packaging=jvm, and the function's classes.
            assertTrue(
                    entries.stream()
                            .anyMatch(
                                    n ->
                                            n.endsWith(
                                                    "!/io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class")),
                    "QuarkusStreamHandler (the java25 handler) is in the JVM zip");
            assertTrue(
                    entries.stream().anyMatch(n -> n.startsWith("lib/") && n.endsWith(".jar")),
                    "libraries under lib/");
            // The stream function's exec wrapper (AWS_LAMBDA_EXEC_WRAPPER=/var/task/stream-runtime)
            // starts the JVM on the application's Main-Class, Parley's main.
            assertTrue(
                    entries.contains("stream-runtime"),
                    "the stream function's wrapper script is in the JVM zip");
            assertTrue(
                    (unixMode(zip, "stream-runtime") & 0100) != 0, "stream-runtime is executable");
            try (ZipFile file = new ZipFile(zip.toFile())) {
                String manifest =
                        new String(
                                file.getInputStream(file.getEntry("META-INF/MANIFEST.MF"))
                                        .readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(
                        manifest.contains("Main-Class: dev.parley.streaming.ParleyMain"), manifest);
            }
            String wrapper = Files.readString(Path.of("src", "main", "zip.jvm", "stream-runtime"));
            assertTrue(
                    wrapper.contains(" dev.parley.streaming.ParleyMain"),
                    "stream-runtime starts Parley's main");
        }
    }

    /**
     * By construction, since no native zip can be built without a native-image builder: the pom's
     * native profile (./mvnw package -Pnative) enables Quarkus's native build and no JVM jar, so the
     * amazon-lambda extension writes function.zip with the executable as "bootstrap"; and no
     * src/main/zip.native/bootstrap exists, which would make the extension keep that script as
     * bootstrap and rename the executable.
     */
    @Test
    void nativeProfileBuildsTheZipWithBootstrap() throws Exception {
        var pom =
                javax.xml.parsers.DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Path.of("pom.xml").toFile());
        var profiles = pom.getElementsByTagName("profile");
        org.w3c.dom.Element nativeProfile = null;
        for (int i = 0; i < profiles.getLength(); i++) {
            var profile = (org.w3c.dom.Element) profiles.item(i);
            if ("native".equals(profile.getElementsByTagName("id").item(0).getTextContent())) {
                nativeProfile = profile;
            }
        }
        assertTrue(nativeProfile != null, "pom.xml has a native profile");
        assertEquals("true", property(nativeProfile, "quarkus.native.enabled"));
        assertEquals("false", property(nativeProfile, "quarkus.package.jar.enabled"));
        assertFalse(Files.exists(Path.of("src", "main", "zip.native", "bootstrap")));
    }

    private static String property(org.w3c.dom.Element profile, String name) {
        var nodes = profile.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    /** The Unix mode of an entry, from the zip's central directory (java.util.zip does not expose it). */
    static int unixMode(Path zip, String entryName) throws IOException {
        java.nio.ByteBuffer bytes =
                java.nio.ByteBuffer.wrap(Files.readAllBytes(zip))
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int end = bytes.limit() - 22;
        while (end >= 0 && bytes.getInt(end) != 0x06054b50) {
            end--;
        }
        assertTrue(end >= 0, "end of central directory found");
        int count = Short.toUnsignedInt(bytes.getShort(end + 10));
        int at = bytes.getInt(end + 16);
        for (int i = 0; i < count; i++) {
            assertEquals(0x02014b50, bytes.getInt(at), "central directory entry");
            int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(bytes.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(bytes.getShort(at + 32));
            byte[] name = new byte[nameLength];
            bytes.get(at + 46, name);
            if (entryName.equals(new String(name, java.nio.charset.StandardCharsets.UTF_8))) {
                return bytes.getInt(at + 38) >>> 16;
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        throw new AssertionError(entryName + " is not in " + zip);
    }

    @Test
    void applicationFolderHoldsNoLocalOnlyLibraries() throws IOException {
        for (Path dir : List.of(Path.of("target", "lib"), Path.of("target", "quarkus-app"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.map(Path::toString)
                        .forEach(
                                name -> {
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
                for (ZipEntry inner = nested.getNextEntry();
                        inner != null;
                        inner = nested.getNextEntry()) {
                    names.add(entry.getName() + "!/" + inner.getName());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + entry.getName(), e);
            }
        }
        return names;
    }
}
