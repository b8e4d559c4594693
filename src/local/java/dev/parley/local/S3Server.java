package dev.parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * An S3-compatible server (S3Proxy with its filesystem store) in a child JVM. It runs from its
 * self-contained jar, copied to {@code target/standins} by the build, because its own Jetty and
 * Jackson versions would clash with the function's class path in-process.
 */
final class S3Server implements AutoCloseable {
    /** A child JVM: on a machine shared with other builds its start alone can pass 30 s. */
    private static final long START_TIMEOUT_MS = 120_000;

    private final Process process;
    private final URI endpoint;

    private S3Server(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static S3Server start(String host, int port, Path dataDir)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/standins/s3proxy.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing; build once with ./mvnw package");
        }
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://" + host + ":" + port);
        // Like the other stand-ins, any credentials are accepted: the AWS CLI and SDKs just work.
        properties.setProperty("s3proxy.authorization", "none");
        properties.setProperty("s3proxy.ignore-unknown-headers", "true");
        // The playground uploads straight into the bucket from the browser, as a page would with a
        // bucket CORS rule; only pages served from this machine (any loopback port) may. Origins
        // are regexes.
        properties.setProperty(
                "s3proxy.cors-allow-origins", "https?://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?");
        properties.setProperty("s3proxy.cors-allow-methods", "GET HEAD PUT");
        properties.setProperty("s3proxy.cors-allow-headers", "Content-Type");
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        Path file = Files.createTempFile("parley-s3proxy", ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Parley local S3 stand-in");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-Xmx256m",
                                        "-jar",
                                        jar.toString(),
                                        "--properties",
                                        file.toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(
                                dataDir.resolveSibling(dataDir.getFileName() + "-s3proxy.log")
                                        .toFile())
                        .start();
        S3Server server = new S3Server(process, URI.create("http://" + host + ":" + port));
        server.awaitListening(host, port);
        return server;
    }

    /**
     * Waits until this child answers as S3 does. A connect alone is not enough: a free port picked
     * for the child can be taken by another process before the child binds it (the child then exits),
     * and that process would answer instead. So the probe wants S3's bucket listing and a live child.
     */
    private void awaitListening(String host, int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest probe =
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                        .timeout(Duration.ofSeconds(2))
                        .GET()
                        .build();
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new PortTaken(
                        "S3Proxy exited with "
                                + process.exitValue()
                                + " (see its log); port "
                                + port
                                + " may be taken");
            }
            try {
                HttpResponse<String> answer =
                        http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.body().contains("ListAllMyBucketsResult") && process.isAlive()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new UncheckedIOException(
                new IOException(
                        "S3Proxy did not answer on "
                                + port
                                + " within "
                                + START_TIMEOUT_MS
                                + " ms"));
    }

    /** The child could not serve on the port it was given; a caller that picked the port may pick another. */
    static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
