package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.http.Router;
import io.quarkus.arc.Arc;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * What {@code sam local start-api} does, in-process, plus the WebSocket API it cannot emulate:
 * every HTTP request on the local port becomes an HTTP API (payload 2.0) event, is posted to the
 * Lambda runtime (Quarkus's mock event server in dev mode) and the function's proxy result becomes
 * the HTTP response; {@code ws://host:port/ws} is a WebSocket API ({@link LocalWebSockets}).
 * The streaming routes (those declared {@code Route.streamed()}, the template's streaming REST API) go to the
 * stream function instead ({@link LocalStreamFunction}), whose Runtime API relays the streamed
 * response as it comes: the prelude's status and headers, each chunk as a chunk, and a client that
 * disconnects breaks the function's stream as it does deployed.
 * Vert.x, because the JDK's HTTP server cannot speak WebSocket; the event loop only moves bytes,
 * every invocation runs on a worker.
 */
public final class LocalApiGateway implements AutoCloseable {
    /** Hop-by-hop and framing headers: the server writes its own for the body it sends. */
    private static final Set<String> FRAMING_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection");

    /** API Gateway closes idle WebSocket connections after 10 minutes. */
    private static final int IDLE_TIMEOUT_SECONDS = 600;

    /** The most a WebSocket frame may carry before the transport itself drops the connection. */
    private static final int MAX_TRANSPORT_BYTES = 1024 * 1024;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final HttpServer server;
    private final LocalLambdaClient lambda;
    private final HttpApiEvents httpEvents;
    private static final Logger LOG = Logger.getLogger(LocalApiGateway.class);

    private volatile LocalStreamFunction streamFunction;

    /**
     * Routes the template serves from the stream function (its streaming REST API): POST, and
     * OPTIONS for CORS. The routes declare it themselves ({@code Route.streamed()}).
     */
    private volatile Set<String> streamingRoutes = Set.of();

    private final String host;
    private final ObjectMapper mapper = new ObjectMapper();

    private LocalApiGateway(Vertx vertx, HttpServerOptions options, URI lambdaRuntime) {
        this.vertx = vertx;
        this.host = options.getHost();
        // Invocations block (a streamed chat turn for up to the function's timeout): a generous
        // pool, with the blocked-thread warning well beyond that.
        this.workers =
                vertx.createSharedWorkerExecutor("local-api-gateway", 32, 2, TimeUnit.MINUTES);
        this.server = vertx.createHttpServer(options);
        this.lambda = new LocalLambdaClient(lambdaRuntime, mapper);
        this.httpEvents = new HttpApiEvents(mapper);
    }

    /**
     * @param lambdaRuntime where events are posted, e.g. {@code http://127.0.0.1:8080/_lambda_}
     * @param managementApi where the function posts WebSocket frames; they are delivered to the sockets
     */
    public static LocalApiGateway start(
            String host, int port, URI lambdaRuntime, LocalManagementApi managementApi)
            throws IOException {
        // No file caching or class-path resolution: this server serves no files and should leave
        // no .vertx folders behind.
        Vertx vertx =
                Vertx.vertx(
                        new VertxOptions()
                                .setEventLoopPoolSize(1)
                                .setFileSystemOptions(
                                        new FileSystemOptions()
                                                .setFileCachingEnabled(false)
                                                .setClassPathResolvingEnabled(false)));
        // HTTP/1.1 only, like the JDK server this replaced: no h2c upgrade (the JDK client asks for
        // it).
        HttpServerOptions options =
                new HttpServerOptions()
                        .setHost(host)
                        .setPort(port)
                        .setHttp2ClearTextEnabled(false)
                        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                        .setIdleTimeoutUnit(TimeUnit.SECONDS)
                        // API Gateway's WebSocket quotas (32 KB frames, 128 KB messages) are
                        // enforced by
                        // WebSocketMessageAssembler, which can say so; Vert.x's own limits, which
                        // drop the
                        // connection silently, sit well above them.
                        .setMaxWebSocketFrameSize(MAX_TRANSPORT_BYTES)
                        .setMaxWebSocketMessageSize(MAX_TRANSPORT_BYTES);
        LocalApiGateway gateway = new LocalApiGateway(vertx, options, lambdaRuntime);
        LocalWebSockets webSockets =
                new LocalWebSockets(
                        gateway.workers,
                        gateway.lambda,
                        gateway.mapper,
                        () -> host + ":" + gateway.port());
        gateway.server.requestHandler(gateway::handle).webSocketHandler(webSockets::handle);
        try {
            gateway.server
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            gateway.close();
            throw new IOException(
                    "the local API gateway cannot listen on "
                            + host
                            + ":"
                            + port
                            + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
            throw new IOException("interrupted while starting the local API gateway", e);
        }
        managementApi.sink(webSockets);
        return gateway;
    }

    public int port() {
        return server.actualPort();
    }

    /** Sends the streaming routes to {@code function} from now on. */
    public void streamFunction(LocalStreamFunction function) {
        this.streamingRoutes = Arc.container().instance(Router.class).get().streamingPaths();
        this.streamFunction = function;
    }

    /** Runs on the event loop: reads the body, then invokes the function on a worker. */
    private void handle(HttpServerRequest request) {
        LocalStreamFunction stream = streamFunction;
        String method = request.method().name();
        if (stream != null
                && ("POST".equals(method) || "OPTIONS".equals(method))
                && streamingRoutes.contains(request.path())) {
            request.body()
                    .onSuccess(
                            body ->
                                    streamed(
                                            stream,
                                            request,
                                            httpEvents.toEvent(incoming(request, body))))
                    .onFailure(failure -> sendGatewayError(request.response(), failure.toString()));
            return;
        }
        request.body()
                .compose(
                        body -> {
                            JsonNode event = httpEvents.toEvent(incoming(request, body));
                            return workers.executeBlocking(() -> lambda.invoke(event), false);
                        })
                .onSuccess(
                        proxy -> {
                            if (!request.response().ended()) {
                                writeProxyResult(request.response(), proxy);
                            }
                        })
                .onFailure(
                        failure ->
                                sendGatewayError(
                                        request.response(),
                                        failure instanceof LocalLambdaClient.IntegrationException
                                                ? failure.getMessage()
                                                : failure.toString()));
    }

    private static HttpApiEvents.Incoming incoming(HttpServerRequest request, Buffer body) {
        return new HttpApiEvents.Incoming(
                request.method().name(),
                request.path(),
                request.query(),
                request.headers().entries(),
                protocol(request.version()),
                request.remoteAddress().hostAddress(),
                body.getBytes());
    }

    /**
     * Invokes the stream function and relays its streamed response as it arrives, as API
     * Gateway's STREAM integration does; a client that goes away aborts the call, which breaks the
     * function's response stream.
     */
    private void streamed(LocalStreamFunction function, HttpServerRequest request, JsonNode event) {
        HttpServerResponse response = request.response();
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            sendGatewayError(response, e.toString());
            return;
        }
        LocalRuntimeApi.Call call =
                function.runtimeApi()
                        .invoke(
                                bytes,
                                LocalStreamFunction.TIMEOUT,
                                new LocalRuntimeApi.Receiver() {
                                    @Override
                                    public void head(
                                            int status,
                                            Map<String, String> headers,
                                            java.util.List<String> cookies) {
                                        if (response.closed()) {
                                            return;
                                        }
                                        response.setStatusCode(status).setChunked(true);
                                        headers.forEach(
                                                (name, value) -> {
                                                    if (!FRAMING_HEADERS.contains(
                                                            name.toLowerCase(
                                                                    java.util.Locale.ROOT))) {
                                                        response.headers().add(name, value);
                                                    }
                                                });
                                        cookies.forEach(
                                                cookie ->
                                                        response.headers()
                                                                .add("Set-Cookie", cookie));
                                    }

                                    @Override
                                    public void chunk(byte[] piece) {
                                        if (!response.closed()) {
                                            response.write(Buffer.buffer(piece));
                                        }
                                    }

                                    @Override
                                    public void end(Map<String, String> trailers) {
                                        if (trailers.containsKey(
                                                "lambda-runtime-function-error-type")) {
                                            LOG.warnf(
                                                    "the stream function reported an error after its response started: %s",
                                                    trailers.get(
                                                            "lambda-runtime-function-error-type"));
                                        }
                                        if (!response.closed() && !response.ended()) {
                                            response.end();
                                        }
                                    }

                                    @Override
                                    public void whole(byte[] body) {
                                        try {
                                            writeProxyResult(response, mapper.readTree(body));
                                        } catch (IOException e) {
                                            sendGatewayError(
                                                    response,
                                                    "the stream function answered no proxy result: "
                                                            + e);
                                        }
                                    }

                                    @Override
                                    public void failed(String detail) {
                                        if (!response.headWritten()) {
                                            sendGatewayError(response, detail);
                                        } else if (!response.closed()) {
                                            // Mid-stream: the body cannot be taken back; the client
                                            // sees the connection cut.
                                            request.connection().close();
                                        }
                                    }
                                });
        response.closeHandler(closed -> call.abort());
    }

    private void writeProxyResult(HttpServerResponse response, JsonNode proxy) {
        Iterator<Map.Entry<String, JsonNode>> headers = proxy.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                response.headers().add(header.getKey(), header.getValue().asText());
            }
        }
        String body = proxy.path("body").asText("");
        byte[] bytes;
        try {
            bytes =
                    proxy.path("isBase64Encoded").asBoolean(false)
                            ? Base64.getDecoder().decode(body)
                            : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            response.headers().clear();
            sendGatewayError(response, e.toString());
            return;
        }
        response.setStatusCode(proxy.path("statusCode").asInt(502)).end(Buffer.buffer(bytes));
    }

    /** API Gateway answers 502 when the integration fails; so does the local one. */
    private void sendGatewayError(HttpServerResponse response, String detail) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(502)
                .putHeader("Content-Type", "application/json")
                .end(
                        mapper.createObjectNode()
                                .put("message", "Internal Server Error")
                                .put("detail", detail)
                                .toString());
    }

    private static String protocol(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2.0";
        };
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("stopping the local API gateway failed: " + e);
        }
    }
}
