package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.jboss.logging.Logger;

/**
 * The Lambda Runtime API (2018-06-01) of one function, for the local run and tests, including what
 * Quarkus's mock event server lacks: the streaming response mode of custom runtimes. A runtime
 * takes work with {@code invocation/next} and answers on {@code invocation/{id}/response} — whole,
 * or with {@code Lambda-Runtime-Function-Response-Mode: streaming}: chunked, the HTTP integration
 * prelude (JSON, eight NUL bytes) first, error trailers at the end — or on {@code /error};
 * {@code init/error} is recorded. The invoking side (the local API gateway) gets each part as it
 * arrives through a {@link Receiver}, and can {@link Call#abort()} a call whose client went away:
 * the runtime's response connection is then closed when the function next sends a piece of its
 * body, so its following writes fail. A response whose body the function has already ended is
 * accepted (202) even if its client left meanwhile: Lambda takes a complete response whoever
 * still listens (its runtimes are not told of a client that left at all).
 *
 * <p>For start-up measurements (the cold-start benchmark) it also records when the runtime first
 * asks for work, which is where Lambda ends the init phase, and serves SnapStart's
 * {@code restore/next} and {@code restore/error}.
 *
 * <p>Plain sockets and a small HTTP/1.1 reader, because neither the JDK's HTTP server nor
 * Vert.x's hands a server the trailers of a chunked request.
 */
public final class LocalRuntimeApi implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalRuntimeApi.class);
    private static final String BASE = "/2018-06-01/runtime/";
    private static final String EXTENSION_BASE = "/2020-01-01/extension/";

    /** Where the local run posts events and its runtimes poll (the path Quarkus's mock event server used). */
    public static final String EVENTS = "/_lambda_";

    private static final String ERROR_BODY_TRAILER = "lambda-runtime-function-error-body";

    /** The longest a posted event may run: the stream function's 15 minutes. */
    private static final Duration EVENT_TIMEOUT = Duration.ofMinutes(15);

    private static final String HTTP_INTEGRATION =
            "application/vnd.awslambda.http-integration-response";

    /** What the invoker learns about one call, in order; methods run on the runtime's connection thread. */
    public interface Receiver {
        /** A streamed HTTP response's head, from the prelude. */
        void head(int status, Map<String, String> headers, List<String> cookies);

        /** A piece of a streamed body, as the function sent it. */
        void chunk(byte[] bytes);

        /** The streamed response ended; {@code trailers} hold the function's error, if it reported one. */
        void end(Map<String, String> trailers);

        /** The whole response of a buffered answer. */
        void whole(byte[] body);

        /** The function failed ({@code /error}), or the stream broke; {@code detail} says how. */
        void failed(String detail);
    }

    /** A call's whole answer (or error) and when it was handed out and answered (System.nanoTime()). */
    public record Outcome(
            String requestId, boolean error, String body, long handedOutNanos, long answeredNanos) {
        public double millis() {
            return (answeredNanos - handedOutNanos) / 1e6;
        }
    }

    /** One call in flight. */
    public final class Call {
        private final String requestId;
        private final byte[] event;
        private final long deadlineMillis;
        private final Receiver receiver;
        private volatile boolean aborted;
        private volatile long handedOutNanos;

        private Call(byte[] event, Duration timeout, Receiver receiver) {
            this.requestId = UUID.randomUUID().toString();
            this.event = event;
            this.deadlineMillis = System.currentTimeMillis() + timeout.toMillis();
            this.receiver = receiver;
        }

        public String requestId() {
            return requestId;
        }

        /**
         * The client went away: the function's response connection is closed when its next piece
         * arrives, so the write after it fails. Not at once: a function that is ending a complete
         * body (its last chunk on the wire) must get its 202, not a connection cut under its
         * feet; the relay decides between two chunks, where it knows which one it read.
         */
        public void abort() {
            aborted = true;
        }
    }

    private final ServerSocket server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ExecutorService connections =
            Executors.newCachedThreadPool(
                    task -> {
                        Thread thread = new Thread(task, "local-runtime-api");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final Map<String, Call> inFlight = new ConcurrentHashMap<>();
    private final List<String> initErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    /** Runtimes waiting in {@code invocation/next} for work. Guarded by itself. */
    private final int[] polling = new int[1];

    private volatile boolean open = true;

    /** Extensions registered (the Extensions API, 2020-01-01), by identifier. */
    private final Map<String, Extension> extensions = new ConcurrentHashMap<>();

    /** Extensions handed an event that have not asked for their next one yet. Guarded by itself. */
    private final java.util.Set<Extension> busyExtensions = new java.util.HashSet<>();

    /** When the environment was released after each invocation (every extension asked for its next event). */
    private final Map<String, CompletableFuture<Long>> released = new ConcurrentHashMap<>();

    /** A registered extension and the events waiting for it. */
    private record Extension(String id, BlockingQueue<byte[]> events) {}

    private LocalRuntimeApi(ServerSocket server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static LocalRuntimeApi start() throws IOException {
        return start(0);
    }

    /**
     * Listens on {@code port} (0: a free one) of the loopback interface only: whoever can post an
     * event here can forge any authorizer context, so nothing beyond this machine may reach it.
     */
    public static LocalRuntimeApi start(int port) throws IOException {
        LocalRuntimeApi api =
                new LocalRuntimeApi(new ServerSocket(port, 64, InetAddress.getLoopbackAddress()));
        api.connections.execute(api::accept);
        return api;
    }

    /** host:port, what {@code AWS_LAMBDA_RUNTIME_API} holds. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Queues an invocation; the next runtime to ask for work takes it. */
    public Call invoke(byte[] event, Duration timeout, Receiver receiver) {
        return enqueue(new Call(event, timeout, receiver));
    }

    private Call enqueue(Call call) {
        inFlight.put(call.requestId, call);
        queue.add(call);
        return call;
    }

    /**
     * Queues an invocation answered whole (not streamed), with ParleyFunction's 29 s deadline; the
     * future completes with its answer or error.
     */
    public CompletableFuture<Outcome> invoke(byte[] event) {
        return invoke(event, Duration.ofSeconds(29));
    }

    /** As {@link #invoke(byte[])}, with the function's deadline {@code timeout} from now. */
    public CompletableFuture<Outcome> invoke(byte[] event, Duration timeout) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        // The call exists before it is queued: a fast runtime may answer before enqueue returns.
        Call[] call = new Call[1];
        call[0] =
                new Call(
                        event,
                        timeout,
                        new Receiver() {
                            private final ByteArrayOutputStream streamed =
                                    new ByteArrayOutputStream();

                            @Override
                            public void head(
                                    int status,
                                    Map<String, String> headers,
                                    List<String> cookies) {}

                            @Override
                            public void chunk(byte[] bytes) {
                                streamed.writeBytes(bytes);
                            }

                            @Override
                            public void end(Map<String, String> trailers) {
                                done(
                                        trailers.containsKey("lambda-runtime-function-error-type"),
                                        streamed.toByteArray());
                            }

                            @Override
                            public void whole(byte[] body) {
                                done(false, body);
                            }

                            @Override
                            public void failed(String detail) {
                                done(true, detail.getBytes(StandardCharsets.UTF_8));
                            }

                            private void done(boolean error, byte[] body) {
                                outcome.complete(
                                        new Outcome(
                                                call[0].requestId,
                                                error,
                                                new String(body, StandardCharsets.UTF_8),
                                                call[0].handedOutNanos,
                                                System.nanoTime()));
                            }
                        });
        enqueue(call[0]);
        return outcome;
    }

    /** When the runtime first asked for an invocation (System.nanoTime()): the end of init. */
    public long awaitFirstNext(Duration timeout) throws Exception {
        return awaitOrFail(firstNext, timeout);
    }

    /** When the runtime asked to be restored (SnapStart only): the end of the phase before the snapshot. */
    public long awaitRestoreNext(Duration timeout) throws Exception {
        return awaitOrFail(restoreNext, timeout);
    }

    /** The outcome, or an exception when the runtime reported {@code init/error} or {@code restore/error} first. */
    public Outcome await(CompletableFuture<Outcome> outcome, Duration timeout) throws Exception {
        return awaitOrFail(outcome, timeout);
    }

    private <T> T awaitOrFail(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            CompletableFuture.anyOf(future, failure).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the function did not reach the Runtime API within " + timeout);
        }
        if (failure.isDone()) {
            throw new IllegalStateException("the runtime reported an error: " + failure.get());
        }
        return future.get();
    }

    /**
     * Waits until {@code runtimes} runtimes are asking for work (waiting in
     * {@code invocation/next}): every invocation handed out before is answered and its
     * post-response work done, since a runtime asks for the next one only then. Benchmarks call it
     * between samples, so that one call's bookkeeping does not run during the next call, as it
     * cannot on Lambda, where every environment has its own CPU.
     */
    public void awaitPolling(int runtimes, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (polling) {
            while (polling[0] < runtimes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            polling[0]
                                    + " of "
                                    + runtimes
                                    + " runtimes ask for work after "
                                    + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(polling, left);
            }
        }
    }

    /** What runtimes reported on {@code init/error}. */
    public List<String> initErrors() {
        return List.copyOf(initErrors);
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                try {
                    connections.execute(() -> serve(socket));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    socket.close();
                }
            } catch (IOException e) {
                if (open) {
                    LOG.debugf("local Runtime API: %s", e);
                }
            }
        }
    }

    /** Requests on one keep-alive connection, one after another. */
    private void serve(Socket socket) {
        try (socket) {
            // Like Lambda's Runtime API: no Nagle delay. A response goes out as two writes (head,
            // body); with Nagle on, the body waits for the client's delayed ACK (about 40 ms), and
            // every benchmarked call would measure that TCP timer instead of the function.
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (open) {
                String requestLine;
                try {
                    requestLine = line(in);
                } catch (IOException e) {
                    return; // the runtime closed the connection between requests
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                String[] parts = requestLine.split(" ");
                Map<String, String> headers = headers(in);
                String path = parts[1];
                if (path.startsWith(EVENTS)) {
                    // The local run's shape of Quarkus's mock event server: the Runtime API under
                    // /_lambda_.
                    path = path.substring(EVENTS.length());
                    if (path.isEmpty() || path.equals("/")) {
                        postEvent(out, parts[0], body(in, headers, null));
                        continue;
                    }
                }
                if (!path.startsWith(BASE) && !path.startsWith(EXTENSION_BASE)) {
                    discardBody(in, headers);
                    respond(out, 404, "{\"errorType\":\"NotFound\"}");
                    continue;
                }
                String route = path.substring(BASE.length());
                if (path.startsWith(EXTENSION_BASE)) {
                    discardBody(in, headers);
                    extension(out, path.substring(EXTENSION_BASE.length()), headers);
                    continue;
                }
                if (route.equals("invocation/next")) {
                    firstNext.complete(System.nanoTime());
                    next(out);
                } else if (route.startsWith("invocation/") && route.endsWith("/response")) {
                    Call call =
                            inFlight.remove(
                                    route.substring(
                                            "invocation/".length(),
                                            route.length() - "/response".length()));
                    if (call == null) {
                        discardBody(in, headers);
                        respond(out, 400, "{\"errorType\":\"InvalidRequestID\"}");
                    } else if ("streaming"
                            .equalsIgnoreCase(
                                    headers.get("lambda-runtime-function-response-mode"))) {
                        if (!streamed(in, headers, call)) {
                            return; // the connection was broken on purpose (client gone) or by the
                            // function
                        }
                        respond(out, 202, "{\"status\":\"OK\"}");
                    } else {
                        call.receiver.whole(body(in, headers, null));
                        respond(out, 202, "{\"status\":\"OK\"}");
                    }
                } else if (route.startsWith("invocation/") && route.endsWith("/requeue")) {
                    // Quarkus's dev-mode loop hands back the event it took before a hot reload.
                    discardBody(in, headers);
                    Call call =
                            inFlight.get(
                                    route.substring(
                                            "invocation/".length(),
                                            route.length() - "/requeue".length()));
                    if (call != null) {
                        queue.add(call);
                    }
                    respond(out, call == null ? 400 : 202, "{\"status\":\"OK\"}");
                } else if (route.startsWith("invocation/") && route.endsWith("/error")) {
                    Call call =
                            inFlight.remove(
                                    route.substring(
                                            "invocation/".length(),
                                            route.length() - "/error".length()));
                    byte[] body = body(in, headers, null);
                    if (call != null) {
                        call.receiver.failed(new String(body, StandardCharsets.UTF_8));
                    }
                    respond(out, call == null ? 400 : 202, "{\"status\":\"OK\"}");
                } else if (route.equals("init/error") || route.equals("restore/error")) {
                    String error = new String(body(in, headers, null), StandardCharsets.UTF_8);
                    initErrors.add(error);
                    failure.complete(route + ": " + error);
                    respond(out, 202, "{\"status\":\"OK\"}");
                } else if (route.equals("restore/next")) {
                    discardBody(in, headers);
                    restoreNext.complete(System.nanoTime());
                    respond(out, 200, "");
                } else {
                    discardBody(in, headers);
                    respond(out, 404, "{\"errorType\":\"NotFound\"}");
                }
            }
        } catch (IOException e) {
            LOG.debugf("local Runtime API connection: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code POST /_lambda_}: runs one event and answers what the function returned (200), or its
     * error (500), as Quarkus's mock event server does; the local gateway, the S3 notifier and the
     * Lambda Invoke stand-in post their events here.
     */
    private void postEvent(OutputStream out, String method, byte[] event)
            throws IOException, InterruptedException {
        if (!"POST".equals(method)) {
            respond(out, 405, "{\"errorType\":\"MethodNotAllowed\"}");
            return;
        }
        try {
            Outcome outcome =
                    invoke(event, EVENT_TIMEOUT)
                            .get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            respond(out, outcome.error() ? 500 : 200, outcome.body());
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            respond(
                    out,
                    504,
                    "{\"errorType\":\"Timeout\",\"errorMessage\":\"the function did not answer within "
                            + EVENT_TIMEOUT
                            + "\"}");
        }
    }

    /**
     * The Extensions API as Lambda runs it: {@code register} during init (before the runtime's
     * first {@code invocation/next}); {@code event/next} blocks until the next INVOKE. An
     * invocation is handed to the runtime only once every extension asked for its next event
     * (Lambda freezes or reuses the environment only then), so post-response work done by an
     * extension delays the next invocation of this environment, never the response.
     */
    private void extension(OutputStream out, String route, Map<String, String> headers)
            throws IOException, InterruptedException {
        if (route.equals("register")) {
            if (firstNext.isDone()) {
                respond(
                        out,
                        403,
                        "{\"errorType\":\"Extension.InvalidState\",\"errorMessage\":\"register after init\"}");
                return;
            }
            Extension extension =
                    new Extension(UUID.randomUUID().toString(), new LinkedBlockingQueue<>());
            extensions.put(extension.id(), extension);
            synchronized (busyExtensions) {
                // Init ends only when every extension asked for its first event, as on Lambda.
                busyExtensions.add(extension);
            }
            byte[] body =
                    "{\"functionName\":\"parley\",\"functionVersion\":\"$LATEST\",\"handler\":\"handler\"}"
                            .getBytes(StandardCharsets.UTF_8);
            out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Extension-Identifier: "
                                    + extension.id()
                                    + "\r\nContent-Length: "
                                    + body.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } else if (route.equals("event/next")) {
            Extension extension =
                    extensions.get(headers.getOrDefault("lambda-extension-identifier", ""));
            if (extension == null) {
                respond(out, 403, "{\"errorType\":\"Extension.UnknownExtensionIdentifier\"}");
                return;
            }
            synchronized (busyExtensions) {
                busyExtensions.remove(extension);
                busyExtensions.notifyAll();
            }
            byte[] event = extension.events().take();
            out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + event.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(event);
            out.flush();
        } else {
            respond(out, 404, "{\"errorType\":\"NotFound\"}");
        }
    }

    /**
     * When the environment was free again after invocation {@code requestId}: at once without
     * extensions, otherwise when the last of them asked for its next event.
     */
    public long awaitReleased(String requestId, Duration timeout) throws Exception {
        return released.computeIfAbsent(requestId, id -> new CompletableFuture<>())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void next(OutputStream out) throws IOException, InterruptedException {
        Call call;
        synchronized (polling) {
            polling[0]++;
            polling.notifyAll();
        }
        try {
            call = queue.take();
        } finally {
            synchronized (polling) {
                polling[0]--;
            }
        }
        synchronized (busyExtensions) {
            while (!busyExtensions.isEmpty()) {
                busyExtensions.wait();
            }
            for (Extension extension : extensions.values()) {
                busyExtensions.add(extension);
                String event =
                        "{\"eventType\":\"INVOKE\",\"deadlineMs\":"
                                + call.deadlineMillis
                                + ",\"requestId\":\""
                                + call.requestId
                                + "\",\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:123456789012:function:parley\","
                                + "\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-00000000-000000000000000000000000\"}}";
                extension.events().add(event.getBytes(StandardCharsets.UTF_8));
            }
            if (extensions.isEmpty()) {
                released.computeIfAbsent(call.requestId, id -> new CompletableFuture<>())
                        .complete(System.nanoTime());
            } else {
                watchRelease(call.requestId);
            }
        }
        call.handedOutNanos = System.nanoTime();
        byte[] event = call.event;
        String head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + event.length
                        + "\r\n"
                        + "Lambda-Runtime-Aws-Request-Id: "
                        + call.requestId
                        + "\r\n"
                        + "Lambda-Runtime-Deadline-Ms: "
                        + call.deadlineMillis
                        + "\r\n"
                        + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:parley-stream-local\r\n"
                        + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(event);
        out.flush();
    }

    /**
     * Relays a streamed response as it arrives; false when the connection broke (or was broken by
     * {@link Call#abort()}) before the last chunk.
     */
    private boolean streamed(InputStream in, Map<String, String> headers, Call call)
            throws IOException {
        if (call.aborted) {
            call.receiver.failed("the client went away");
            return false;
        }
        boolean prelude = headers.getOrDefault("content-type", "").startsWith(HTTP_INTEGRATION);
        PreludeSplitter splitter = new PreludeSplitter(prelude, call.receiver);
        Map<String, String> trailers = new LinkedHashMap<>();
        try {
            body(
                    in,
                    headers,
                    new ChunkListener() {
                        @Override
                        public void chunk(byte[] bytes) throws IOException {
                            if (call.aborted) {
                                // A piece for a client that left: the connection closes, the
                                // function's next write fails.
                                throw new IOException("the client went away");
                            }
                            splitter.accept(bytes);
                        }

                        @Override
                        public void trailers(Map<String, String> fields) {
                            trailers.putAll(fields);
                        }
                    });
        } catch (IOException e) {
            call.receiver.failed(
                    call.aborted
                            ? "the client went away"
                            : "the response stream broke: " + e.getMessage());
            return false;
        }
        if (!splitter.headSent() && trailers.containsKey(ERROR_BODY_TRAILER)) {
            // A response opened early that failed before its prelude: Lambda records the
            // function's error, as if it had been posted to /error.
            call.receiver.failed(
                    new String(
                            java.util.Base64.getDecoder().decode(trailers.get(ERROR_BODY_TRAILER)),
                            StandardCharsets.UTF_8));
        } else if (!splitter.headSent()) {
            call.receiver.failed("the streamed response ended before its prelude was complete");
        } else {
            call.receiver.end(trailers);
        }
        return true;
    }

    /** Splits the HTTP integration prelude (JSON up to eight NUL bytes) from the body that follows. */
    private final class PreludeSplitter {
        private final Receiver receiver;
        private final ByteArrayOutputStream prelude = new ByteArrayOutputStream();
        private boolean headSent;

        PreludeSplitter(boolean hasPrelude, Receiver receiver) {
            this.receiver = receiver;
            if (!hasPrelude) {
                receiver.head(200, Map.of(), List.of());
                headSent = true;
            }
        }

        boolean headSent() {
            return headSent;
        }

        void accept(byte[] bytes) {
            if (headSent) {
                receiver.chunk(bytes);
                return;
            }
            prelude.writeBytes(bytes);
            byte[] all = prelude.toByteArray();
            int end = delimiter(all);
            if (end < 0) {
                return;
            }
            try {
                JsonNode head = mapper.readTree(new String(all, 0, end, StandardCharsets.UTF_8));
                Map<String, String> headers = new LinkedHashMap<>();
                head.path("headers")
                        .fields()
                        .forEachRemaining(f -> headers.put(f.getKey(), f.getValue().asText()));
                List<String> cookies = new ArrayList<>();
                head.path("cookies").forEach(c -> cookies.add(c.asText()));
                receiver.head(head.path("statusCode").asInt(200), headers, cookies);
            } catch (IOException e) {
                receiver.head(502, Map.of(), List.of());
            }
            headSent = true;
            if (all.length > end + 8) {
                receiver.chunk(java.util.Arrays.copyOfRange(all, end + 8, all.length));
            }
        }

        private static int delimiter(byte[] bytes) {
            int run = 0;
            for (int i = 0; i < bytes.length; i++) {
                run = bytes[i] == 0 ? run + 1 : 0;
                if (run == 8) {
                    return i - 7;
                }
            }
            return -1;
        }
    }

    private interface ChunkListener {
        void chunk(byte[] bytes) throws IOException;

        void trailers(Map<String, String> fields);
    }

    /** Reads a request body (Content-Length or chunked); chunks go to {@code listener} as they arrive when given. */
    private static byte[] body(InputStream in, Map<String, String> headers, ChunkListener listener)
            throws IOException {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                int length =
                        Integer.parseInt(
                                (semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    Map<String, String> trailers = headers(in);
                    if (listener != null) {
                        listener.trailers(trailers);
                    }
                    return whole.toByteArray();
                }
                byte[] chunk = in.readNBytes(length);
                if (chunk.length < length) {
                    throw new IOException("connection closed inside a chunk");
                }
                line(in);
                if (listener != null) {
                    listener.chunk(chunk);
                } else {
                    whole.writeBytes(chunk);
                }
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0").trim());
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection closed inside a body");
        }
        return body;
    }

    private static void discardBody(InputStream in, Map<String, String> headers)
            throws IOException {
        body(in, headers, null);
    }

    /** Header fields (names lower-case) up to the empty line. */
    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    private static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(
                ("HTTP/1.1 "
                                + status
                                + " "
                                + (status < 300 ? "OK" : "Error")
                                + "\r\nContent-Type: application/json\r\n"
                                + "Content-Length: "
                                + bytes.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Completes the invocation's release once no extension is busy with it any more. */
    private void watchRelease(String requestId) {
        CompletableFuture<Long> done =
                released.computeIfAbsent(requestId, id -> new CompletableFuture<>());
        connections.execute(
                () -> {
                    synchronized (busyExtensions) {
                        while (!busyExtensions.isEmpty() && open) {
                            try {
                                busyExtensions.wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                    done.complete(System.nanoTime());
                });
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        connections.shutdownNow();
    }
}
