package dev.parley.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, as the runtime interface
 * client and the Python loop use it: {@code invocation/next}, {@code invocation/{id}/response},
 * {@code invocation/{id}/error}, {@code init/error}, and for SnapStart's restore phase
 * {@code restore/next} and {@code restore/error}. It records when the runtime first asks for
 * work, which is where Lambda ends the init phase.
 */
final class RuntimeApiStandIn implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";

    /** What the function answered, and when (System.nanoTime()). */
    record Outcome(String requestId, boolean error, String body, long handedOutNanos, long answeredNanos) {
        double millis() {
            return (answeredNanos - handedOutNanos) / 1e6;
        }
    }

    private record Pending(String requestId, byte[] event, CompletableFuture<Outcome> outcome) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> handedOut = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    private RuntimeApiStandIn(HttpServer server) {
        this.server = server;
    }

    static RuntimeApiStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            RuntimeApiStandIn api = new RuntimeApiStandIn(server);
            server.createContext(BASE, api::handle);
            server.setExecutor(api.threads);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Runtime API stand-in", e);
        }
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one invocation; the runtime takes it with its next {@code invocation/next}. */
    CompletableFuture<Outcome> invoke(byte[] event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        inFlight.put(pending.requestId(), pending);
        queue.add(pending);
        return pending.outcome();
    }

    /** When the runtime first asked for an invocation: the end of init (and of restore, with SnapStart). */
    long awaitFirstNext(Duration timeout) throws Exception {
        return awaitOrFail(firstNext, timeout);
    }

    /** When the runtime asked to be restored (SnapStart only): the end of the phase before the snapshot. */
    long awaitRestoreNext(Duration timeout) throws Exception {
        return awaitOrFail(restoreNext, timeout);
    }

    Outcome await(CompletableFuture<Outcome> outcome, Duration timeout) throws Exception {
        return awaitOrFail(outcome, timeout);
    }

    private <T> T awaitOrFail(CompletableFuture<T> future, Duration timeout) throws Exception {
        CompletableFuture<Object> either = CompletableFuture.anyOf(future, failure);
        try {
            either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the function did not reach the Runtime API within " + timeout);
        }
        if (failure.isDone()) {
            throw new IllegalStateException("the runtime reported an error: " + failure.get());
        }
        return future.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        byte[] body = readAll(exchange.getRequestBody());
        try {
            if (path.equals("invocation/next")) {
                firstNext.complete(now);
                next(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                answered(exchange, path.substring("invocation/".length(), path.length() - "/response".length()),
                        false, body, now);
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                answered(exchange, path.substring("invocation/".length(), path.length() - "/error".length()),
                        true, body, now);
            } else if (path.equals("init/error") || path.equals("restore/error")) {
                failure.complete(path + ": " + new String(body, StandardCharsets.UTF_8));
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("restore/next")) {
                restoreNext.complete(now);
                send(exchange, 200, new byte[0]);
            } else {
                send(exchange, 404, "{\"errorType\":\"NotFound\"}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        Pending pending = queue.take();
        long deadline = System.currentTimeMillis() + 29_000;
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:parley");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        handedOut.put(pending.requestId(), System.nanoTime());
        send(exchange, 200, pending.event());
    }

    private void answered(HttpExchange exchange, String requestId, boolean error, byte[] body, long now)
            throws IOException {
        Pending pending = inFlight.remove(requestId);
        send(exchange, pending == null ? 400 : 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        if (pending != null) {
            Long out = handedOut.remove(requestId);
            pending.outcome().complete(new Outcome(requestId, error, new String(body, StandardCharsets.UTF_8),
                    out == null ? now : out, now));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
