package dev.parley.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.lambda.ParleyHandler;
import dev.parley.local.LocalRuntimeApi;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream function's side of the Runtime API ({@link RuntimeApi}, {@link ResponseStream}, the
 * raw-socket {@link ChunkedPost}) against the local Runtime API stand-in: the prelude becomes the
 * status and headers, every write arrives as its own piece while the invocation still runs, error
 * trailers arrive at the end, buffered answers and {@code /error} are told apart, and a caller that
 * goes away breaks the function's stream.
 */
class ResponseStreamProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRuntimeApi standIn;
    private RuntimeApi api;

    /** Records what the invoking side receives, with arrival times. */
    private static final class Recorder implements LocalRuntimeApi.Receiver {
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final List<String> pieces = new CopyOnWriteArrayList<>();
        final CompletableFuture<Map<String, String>> trailers = new CompletableFuture<>();
        final CompletableFuture<byte[]> whole = new CompletableFuture<>();
        final CompletableFuture<String> failed = new CompletableFuture<>();
        volatile Map<String, String> headers;
        volatile List<String> cookies;

        @Override
        public void head(int code, Map<String, String> headers, List<String> cookies) {
            this.headers = headers;
            this.cookies = cookies;
            status.complete(code);
        }

        @Override
        public void chunk(byte[] bytes) {
            pieces.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void end(Map<String, String> fields) {
            trailers.complete(fields);
        }

        @Override
        public void whole(byte[] body) {
            whole.complete(body);
        }

        @Override
        public void failed(String detail) {
            failed.complete(detail);
        }
    }

    @BeforeEach
    void start() throws Exception {
        standIn = LocalRuntimeApi.start();
        api = new RuntimeApi(standIn.address(), JSON);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void preludeThenPiecesAsWrittenThenTrailers() throws Exception {
        Recorder recorder = new Recorder();
        LocalRuntimeApi.Call call =
                standIn.invoke(
                        "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofMinutes(1),
                        recorder);
        RuntimeApi.Next next = api.next();
        assertEquals(call.requestId(), next.requestId());
        assertArrayEquals("{\"n\":1}".getBytes(StandardCharsets.UTF_8), next.event());
        assertTrue(
                next.deadlineMillis() > System.currentTimeMillis(),
                "the deadline header is passed on");

        ResponseStream stream = new ResponseStream(api, next.requestId(), JSON);
        stream.start(
                201,
                Map.of("Content-Type", "text/event-stream"),
                List.of("a=b"),
                "first".getBytes(StandardCharsets.UTF_8));
        // The head and the first piece arrive while the invocation is still running.
        assertEquals(201, recorder.status.get(5, TimeUnit.SECONDS));
        assertEquals("text/event-stream", recorder.headers.get("Content-Type"));
        assertEquals(List.of("a=b"), recorder.cookies);
        // The first piece reached the caller before the second was written: streamed, not buffered.
        waitFor(() -> recorder.pieces.size() == 1);
        stream.write("second".getBytes(StandardCharsets.UTF_8));
        waitFor(() -> recorder.pieces.size() == 2);
        stream.fail("model_unavailable", "the stream from the model broke");
        stream.finish();

        assertEquals(List.of("first", "second"), recorder.pieces);
        Map<String, String> trailers = recorder.trailers.get(5, TimeUnit.SECONDS);
        assertEquals("model_unavailable", trailers.get("lambda-runtime-function-error-type"));
        JsonNode error =
                JSON.readTree(
                        Base64.getDecoder()
                                .decode(trailers.get("lambda-runtime-function-error-body")));
        assertEquals("model_unavailable", error.path("errorType").asText());
        assertEquals("the stream from the model broke", error.path("errorMessage").asText());
    }

    @Test
    void aCleanEndHasNoErrorTrailers() throws Exception {
        Recorder recorder = new Recorder();
        standIn.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), recorder);
        RuntimeApi.Next next = api.next();
        ResponseStream stream = new ResponseStream(api, next.requestId(), JSON);
        stream.start(200, Map.of(), List.of(), new byte[0]);
        stream.write("only".getBytes(StandardCharsets.UTF_8));
        stream.finish();
        assertEquals(Map.of(), recorder.trailers.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("only"), recorder.pieces);
    }

    @Test
    void bufferedAnswersAndErrorsAreToldApart() throws Exception {
        Recorder answered = new Recorder();
        standIn.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), answered);
        api.respond(api.next().requestId(), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "{\"ok\":true}",
                new String(answered.whole.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));

        Recorder failing = new Recorder();
        standIn.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), failing);
        api.error(api.next().requestId(), "IllegalStateException", "broken");
        JsonNode error = JSON.readTree(failing.failed.get(5, TimeUnit.SECONDS));
        assertEquals("IllegalStateException", error.path("errorType").asText());
    }

    @Test
    void aCallerThatGoesAwayBreaksTheFunctionsStream() throws Exception {
        Recorder recorder = new Recorder();
        LocalRuntimeApi.Call call =
                standIn.invoke(
                        "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), recorder);
        ResponseStream stream = new ResponseStream(api, api.next().requestId(), JSON);
        stream.start(200, Map.of(), List.of(), "hello".getBytes(StandardCharsets.UTF_8));
        waitFor(() -> recorder.pieces.size() == 1);
        call.abort();
        // The relay closes the connection when the next piece arrives; TCP tells the writer on a
        // later write, not necessarily the first after the close.
        assertThrows(
                ResponseStream.Gone.class,
                () -> {
                    for (int i = 0; i < 200; i++) {
                        stream.write(("piece " + i).getBytes(StandardCharsets.UTF_8));
                        Thread.sleep(10);
                    }
                });
        assertTrue(recorder.failed.get(5, TimeUnit.SECONDS).contains("went away"));
        assertEquals(List.of("hello"), recorder.pieces, "nothing after the client left is relayed");
        assertTrue(stream.gone());
        stream.write(
                "dropped".getBytes(StandardCharsets.UTF_8)); // later writes are dropped, not thrown
    }

    /**
     * A client that read the last event and hung up while the function was ending its body (the
     * benchmark's clients, an SDK that stops at {@code message_stop}): the body is complete, so
     * the end is accepted as Lambda accepts it, not cut under the function.
     */
    @Test
    void aCallerThatLeavesWhileTheBodyEndsLetsTheResponseEnd() throws Exception {
        Recorder recorder = new Recorder();
        LocalRuntimeApi.Call call =
                standIn.invoke(
                        "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), recorder);
        ResponseStream stream = new ResponseStream(api, api.next().requestId(), JSON);
        stream.start(200, Map.of(), List.of(), "the whole answer".getBytes(StandardCharsets.UTF_8));
        waitFor(() -> recorder.pieces.size() == 1);
        call.abort();
        stream.finish();
        assertEquals(Map.of(), recorder.trailers.get(5, TimeUnit.SECONDS));
        assertFalse(recorder.failed.isDone());
        assertFalse(stream.gone());
    }

    /**
     * When the connection breaks while the body ends (the Runtime API, or locally the gateway for
     * a client that left, closes it before its answer), the client is gone: the invocation is
     * neither reported as failed nor logged as an error with a stack trace.
     */
    @Test
    void aResponseCutAtItsEndIsAClientThatLeftNotAFailure() throws Exception {
        ParleyHandler handler =
                new ParleyHandler() {
                    @Override
                    public JsonNode handleRequest(JsonNode event, Context context) {
                        StreamRuntime.current()
                                .orElseThrow()
                                .start(
                                        200,
                                        Map.of(),
                                        List.of(),
                                        "the whole answer".getBytes(StandardCharsets.UTF_8));
                        return JSON.createObjectNode().put("statusCode", 200);
                    }
                };
        StreamRuntime runtime = new StreamRuntime(handler, JSON, new Cors(List.of()), () -> {});
        List<String> requests = new CopyOnWriteArrayList<>();
        List<java.util.logging.LogRecord> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture =
                new java.util.logging.Handler() {
                    @Override
                    public void publish(java.util.logging.LogRecord record) {
                        logged.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        java.util.logging.Logger logger =
                java.util.logging.Logger.getLogger("dev.parley.streaming");
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread cutter =
                    new Thread(
                            () -> cutEachResponseAtItsEnd(server, requests),
                            "test-cutting-runtime-api");
            cutter.setDaemon(true);
            cutter.start();
            logger.addHandler(capture);
            try {
                runtime.invoke(
                        new RuntimeApi("127.0.0.1:" + server.getLocalPort(), JSON),
                        new RuntimeApi.Next(
                                "req-1",
                                System.currentTimeMillis() + 60_000,
                                "arn",
                                null,
                                "{\"requestContext\":{\"http\":{\"method\":\"POST\"}}}"
                                        .getBytes(StandardCharsets.UTF_8)));
            } finally {
                logger.removeHandler(capture);
            }
        }
        assertEquals(
                List.of("POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1"),
                requests,
                "no invocation/req-1/error after the client left");
        assertTrue(
                logged.stream()
                        .noneMatch(
                                r ->
                                        r.getLevel().intValue()
                                                >= java.util.logging.Level.WARNING.intValue()),
                () ->
                        "warnings or errors: "
                                + logged.stream()
                                        .map(r -> r.getLevel() + " " + r.getMessage())
                                        .toList());
        assertTrue(
                logged.stream()
                        .anyMatch(
                                r -> r.getMessage().contains("went away") && r.getThrown() == null),
                () ->
                        "a line without a stack trace says the client went away: "
                                + logged.stream()
                                        .map(java.util.logging.LogRecord::getMessage)
                                        .toList());
    }

    /**
     * A Runtime API that reads each streamed response to its last chunk, then closes the
     * connection without answering; any other request is answered 202. Records request lines.
     */
    private static void cutEachResponseAtItsEnd(ServerSocket server, List<String> requests) {
        while (!server.isClosed()) {
            try (java.net.Socket socket = server.accept()) {
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                String requestLine = ChunkedPost.line(in);
                requests.add(requestLine);
                boolean chunked = false;
                long length = 0;
                for (String header = ChunkedPost.line(in);
                        !header.isEmpty();
                        header = ChunkedPost.line(in)) {
                    String lower = header.toLowerCase(java.util.Locale.ROOT);
                    chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring("content-length:".length()).trim());
                    }
                }
                if (!chunked) {
                    in.skipNBytes(length);
                    socket.getOutputStream()
                            .write(
                                    "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
                                            .getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                for (int size = Integer.parseInt(ChunkedPost.line(in), 16);
                        size > 0;
                        size = Integer.parseInt(ChunkedPost.line(in), 16)) {
                    in.skipNBytes(size + 2);
                }
                // Trailers up to the empty line, then hang up instead of answering.
                String trailer;
                do {
                    trailer = ChunkedPost.line(in);
                } while (!trailer.isEmpty());
            } catch (java.io.IOException e) {
                return; // the server socket closed: the test is over
            }
        }
    }

    @Test
    void anErrorInTheHandlerIsReportedAndTheLoopServesTheNextInvocation() throws Exception {
        // Anonymous, so never a CDI bean: the handler fails with Errors, which are not Exceptions.
        ParleyHandler handler =
                new ParleyHandler() {
                    @Override
                    public JsonNode handleRequest(JsonNode event, Context context) {
                        if (event.has("assertion")) {
                            throw new AssertionError("an Error, not a VirtualMachineError");
                        }
                        if (event.has("afterHead")) {
                            StreamRuntime.current()
                                    .orElseThrow()
                                    .start(
                                            200,
                                            Map.of(),
                                            List.of(),
                                            "partial".getBytes(StandardCharsets.UTF_8));
                            throw new NoClassDefFoundError("dev/parley/Missing");
                        }
                        return JSON.createObjectNode().put("served", event.path("n").asInt());
                    }
                };
        StreamRuntime runtime = new StreamRuntime(handler, JSON, new Cors(List.of()), () -> {});
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> runtime.run(api, running::get), "test-stream-runtime");
        loop.setDaemon(true);
        loop.start();
        try {
            Recorder failing = new Recorder();
            standIn.invoke(
                    "{\"assertion\":true}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(1),
                    failing);
            assertEquals(
                    "AssertionError",
                    JSON.readTree(failing.failed.get(5, TimeUnit.SECONDS))
                            .path("errorType")
                            .asText());

            // After the head went out, the Error reaches Lambda in the trailers.
            Recorder streamed = new Recorder();
            standIn.invoke(
                    "{\"afterHead\":true,\"requestContext\":{\"http\":{\"method\":\"GET\"}}}"
                            .getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(1),
                    streamed);
            assertEquals(200, streamed.status.get(5, TimeUnit.SECONDS));
            assertEquals(
                    "NoClassDefFoundError",
                    streamed.trailers
                            .get(5, TimeUnit.SECONDS)
                            .get("lambda-runtime-function-error-type"));
            assertEquals(List.of("partial"), streamed.pieces);

            Recorder served = new Recorder();
            standIn.invoke(
                    "{\"n\":3}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), served);
            assertEquals(
                    3,
                    JSON.readTree(served.whole.get(5, TimeUnit.SECONDS)).path("served").asInt(),
                    "the loop lived on and served the next invocation");
            assertTrue(loop.isAlive());
        } finally {
            running.set(false);
        }
    }

    /** After an OutOfMemoryError the invocation is answered, then the process ends (the hook here). */
    @Test
    void aVirtualMachineErrorIsReportedThenEndsTheProcess() throws Exception {
        ParleyHandler handler =
                new ParleyHandler() {
                    @Override
                    public JsonNode handleRequest(JsonNode event, Context context) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                };
        CompletableFuture<VirtualMachineError> ended = new CompletableFuture<>();
        StreamRuntime runtime =
                new StreamRuntime(handler, JSON, new Cors(List.of()), () -> {}, ended::complete);
        Thread loop =
                new Thread(() -> runtime.run(api, () -> true), "test-stream-runtime-vm-error");
        loop.setDaemon(true);
        loop.start();
        Recorder failing = new Recorder();
        standIn.invoke(
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), failing);
        assertEquals(
                "OutOfMemoryError",
                JSON.readTree(failing.failed.get(5, TimeUnit.SECONDS)).path("errorType").asText());
        assertEquals("Java heap space", ended.get(5, TimeUnit.SECONDS).getMessage());
        loop.join(5_000);
        assertFalse(loop.isAlive(), "the loop does not carry on after a VirtualMachineError");
    }

    /** The invocation's Lambda-Runtime-Trace-Id reaches the AWS SDK as Lambda's runtimes pass it on. */
    @Test
    void theInvocationsTraceIdIsTheSdksTraceHeaderWhileItRuns() throws Exception {
        ParleyHandler handler =
                new ParleyHandler() {
                    @Override
                    public JsonNode handleRequest(JsonNode event, Context context) {
                        return JSON.createObjectNode()
                                .put(
                                        "trace",
                                        System.getProperty(StreamRuntime.TRACE_HEADER_PROPERTY));
                    }
                };
        StreamRuntime runtime = new StreamRuntime(handler, JSON, new Cors(List.of()), () -> {});
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> runtime.run(api, running::get), "test-stream-runtime-trace");
        loop.setDaemon(true);
        loop.start();
        try {
            Recorder served = new Recorder();
            standIn.invoke(
                    "{\"n\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), served);
            // The Runtime API stand-in sends this Lambda-Runtime-Trace-Id with every invocation.
            assertEquals(
                    "Root=1-00000000-000000000000000000000000;Sampled=0",
                    JSON.readTree(served.whole.get(5, TimeUnit.SECONDS)).path("trace").asText());
        } finally {
            running.set(false);
        }
    }

    @Test
    void aRuntimeApiThatCannotBeReachedIsNotAClientThatWentAway() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ResponseStream stream =
                new ResponseStream(new RuntimeApi("127.0.0.1:" + closed, JSON), "req-1", JSON);
        assertThrows(
                UncheckedIOException.class,
                () -> stream.start(200, Map.of(), List.of(), new byte[0]));
        assertFalse(stream.started(), "nothing was sent, so the invocation is answered on /error");
        assertFalse(stream.gone());
    }

    @Test
    void aPreparedResponseHasItsRequestHeadOutBeforeItsOwnHead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ResponseStream stream =
                    new ResponseStream(
                            new RuntimeApi("127.0.0.1:" + server.getLocalPort(), JSON),
                            "req-1",
                            JSON);
            stream.prepare();
            try (java.net.Socket socket = server.accept()) {
                java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
                // The POST's head arrived while the response itself has not begun.
                assertEquals(
                        "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1",
                        ChunkedPost.line(in));
                List<String> headers = new java.util.ArrayList<>();
                for (String h = ChunkedPost.line(in); !h.isEmpty(); h = ChunkedPost.line(in)) {
                    headers.add(h);
                }
                assertTrue(headers.contains("Lambda-Runtime-Function-Response-Mode: streaming"));
                assertFalse(stream.started(), "the response's own head is not sent yet");
                assertTrue(stream.opened());
                stream.prepare(); // already open: no second POST

                stream.start(200, Map.of(), List.of(), "first".getBytes(StandardCharsets.UTF_8));
                int size = Integer.parseInt(ChunkedPost.line(in), 16);
                String chunk = new String(in.readNBytes(size), StandardCharsets.UTF_8);
                assertTrue(chunk.startsWith("{\"statusCode\":200"), chunk);
                assertTrue(chunk.endsWith("\0\0\0\0\0\0\0\0first"), chunk);
                assertTrue(stream.started());
            }
        }
    }

    @Test
    void aFailureAfterTheResponseWasOpenedButBeforeItsHeadIsTheFunctionsError() throws Exception {
        ParleyHandler handler =
                new ParleyHandler() {
                    @Override
                    public JsonNode handleRequest(JsonNode event, Context context) {
                        StreamRuntime.current().orElseThrow().prepare();
                        throw new NoClassDefFoundError("dev/parley/Missing");
                    }
                };
        StreamRuntime runtime = new StreamRuntime(handler, JSON, new Cors(List.of()), () -> {});
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> runtime.run(api, running::get), "test-stream-runtime");
        loop.setDaemon(true);
        loop.start();
        try {
            Recorder failing = new Recorder();
            standIn.invoke(
                    "{\"requestContext\":{\"http\":{\"method\":\"POST\"}}}"
                            .getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(1),
                    failing);
            // On the opened POST, in its trailers, as Lambda takes it: an error, not a head.
            assertEquals(
                    "NoClassDefFoundError",
                    JSON.readTree(failing.failed.get(5, TimeUnit.SECONDS))
                            .path("errorType")
                            .asText());
            assertFalse(failing.status.isDone(), "no head reached the caller");
        } finally {
            running.set(false);
        }
    }

    @Test
    void aResponseAnsweredOnErrorIsNeverOpenedByALatePrepare() {
        ResponseStream stream = new ResponseStream(api, "req-late", JSON);
        assertTrue(stream.abandonUnopened());
        stream.prepare();
        assertFalse(stream.opened(), "the invocation was answered on /error: no POST follows");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long until = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
