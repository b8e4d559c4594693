package dev.parley.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * An S3-compatible server (S3Proxy with its filesystem store) in a child JVM. It runs from its
 * self-contained jar, copied to {@code target/standins} by the build, because its own Jetty and
 * Jackson versions would clash with the function's class path in-process.
 */
final class S3Server implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 30_000;

    private final Process process;
    private final URI endpoint;

    private S3Server(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static S3Server start(String host, int port, Path dataDir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/standins/s3proxy.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing; build once with ./mvnw package");
        }
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://" + host + ":" + port);
        // Like the other stand-ins, any credentials are accepted: the AWS CLI and SDKs just work.
        properties.setProperty("s3proxy.authorization", "none");
        properties.setProperty("s3proxy.ignore-unknown-headers", "true");
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        Path file = Files.createTempFile("parley-s3proxy", ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Parley local S3 stand-in");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                file.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-s3proxy.log").toFile())
                .start();
        S3Server server = new S3Server(process, URI.create("http://" + host + ":" + port));
        server.awaitListening(host, port);
        return server;
    }

    private void awaitListening(String host, int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " (see its log)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new UncheckedIOException(new IOException("S3Proxy did not listen on " + port + " within "
                + START_TIMEOUT_MS + " ms"));
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
