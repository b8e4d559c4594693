package dev.parley.local.bedrock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Amazon Bedrock Runtime: an HTTP server speaking the service's wire protocol
 * (Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream) so that unmodified AWS
 * SDKs work against it through an endpoint override. Replies are offline and deterministic
 * unless a test scripts them over {@code /_emulator/} (see {@link EmulatorControl}).
 */
public final class BedrockEmulator implements AutoCloseable {

    /** Streams hold a thread while they sleep between deltas, so allow plenty of them. */
    private static final int THREADS = 32;

    /** When a model call's handling began and ended (System.nanoTime()), its answer written. */
    public record Span(long startNanos, long endNanos) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final EmulatorState state;

    private BedrockEmulator(
            HttpServer server, ExecutorService executor, String host, EmulatorState state) {
        this.server = server;
        this.executor = executor;
        this.host = host;
        this.state = state;
    }

    /** Starts listening on {@code host:port}; port 0 picks a free port. */
    public static BedrockEmulator start(String host, int port) {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
            EmulatorState state = new EmulatorState();
            server.createContext("/", new Router(state));
            server.setExecutor(executor);
            server.start();
            return new BedrockEmulator(server, executor, host, state);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(
                    "cannot start the Bedrock emulator on " + host + ":" + port, e);
        }
    }

    /**
     * Every model call's span so far, oldest first: in-process measurements (the cold-start
     * benchmark splits a request's wall time into before, during and after its model call).
     */
    public java.util.List<Span> modelCallSpans() {
        return state.modelCallSpans();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint to give the SDK, e.g. {@code http://127.0.0.1:8787}. */
    public URI endpoint() {
        // Listening on every interface still means clients should dial the loopback address.
        String dial = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
        String literal = dial.contains(":") ? "[" + dial + "]" : dial;
        return URI.create("http://" + literal + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Standalone run: {@code BedrockEmulator [port]} listens on 127.0.0.1 (default port 8787). */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8787;
        BedrockEmulator emulator = start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("Bedrock emulator listening on " + emulator.endpoint());
        Thread.currentThread().join();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bedrock-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
