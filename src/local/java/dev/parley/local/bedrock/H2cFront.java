package dev.parley.local.bedrock;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The emulator spoken to over HTTP/2 cleartext (h2c, prior knowledge), the transport the SDK's
 * async client uses by default in production (over TLS there): a front that takes each HTTP/2
 * stream and relays it to the emulator over HTTP/1.1, passing the event-stream body on chunk by
 * chunk as it arrives. The emulator's rules and answers are unchanged; what is tested is that
 * Parley's streaming works with HTTP/2 framing, flow control and one connection carrying many
 * streams.
 */
public final class H2cFront implements AutoCloseable {

    /** Hop-by-hop headers that HTTP/2 forbids. */
    private static final Set<String> HOP_BY_HOP =
            Set.of(
                    "connection",
                    "keep-alive",
                    "transfer-encoding",
                    "upgrade",
                    "proxy-connection",
                    "te");

    private final Vertx vertx;
    private final HttpServer server;
    private final Set<String> versionsSeen = ConcurrentHashMap.newKeySet();

    /** Every model call relayed, as "HTTP_2 POST /model/.../converse-stream", oldest first. */
    private final java.util.List<String> modelCalls =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Answered by the front itself (not relayed): the model calls it relayed, for tests in another class loader. */
    public static final String REQUESTS_PATH = "/_front/requests";

    private H2cFront(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on a free loopback port and relays to {@code emulator}. */
    public static H2cFront start(URI emulator) {
        Vertx vertx = Vertx.vertx();
        HttpClient client =
                vertx.createHttpClient(
                        new HttpClientOptions()
                                .setProtocolVersion(HttpVersion.HTTP_1_1)
                                .setMaxPoolSize(64)
                                .setDefaultHost(emulator.getHost())
                                .setDefaultPort(emulator.getPort()));
        HttpServer server =
                vertx.createHttpServer(
                        new HttpServerOptions()
                                .setHost("127.0.0.1")
                                .setPort(0)
                                .setHttp2ClearTextEnabled(true));
        H2cFront front = new H2cFront(vertx, server);
        server.requestHandler(request -> front.relay(request, client));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the emulator's h2c front", e);
        }
        return front;
    }

    private void relay(HttpServerRequest request, HttpClient client) {
        if (request.path().equals(REQUESTS_PATH)) {
            io.vertx.core.json.JsonArray answer = new io.vertx.core.json.JsonArray();
            modelCalls.forEach(answer::add);
            request.response().putHeader("Content-Type", "application/json").end(answer.encode());
            return;
        }
        versionsSeen.add(request.version().name());
        if (request.path().startsWith("/model/")) {
            modelCalls.add(
                    request.version().name()
                            + " "
                            + request.method().name()
                            + " "
                            + request.path());
        }
        request.pause();
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.valueOf(request.method().name()))
                        .setURI(request.uri());
        request.headers()
                .forEach(
                        header -> {
                            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())
                                    && !header.getKey().startsWith(":")) {
                                options.addHeader(header.getKey(), header.getValue());
                            }
                        });
        client.request(options)
                .onFailure(failure -> request.response().setStatusCode(502).end())
                .onSuccess(
                        upstream -> {
                            upstream.setChunked(true);
                            upstream.response()
                                    .onFailure(
                                            failure -> request.response().setStatusCode(502).end())
                                    .onSuccess(
                                            answer -> {
                                                var response =
                                                        request.response()
                                                                .setStatusCode(answer.statusCode());
                                                answer.headers()
                                                        .forEach(
                                                                header -> {
                                                                    if (!HOP_BY_HOP.contains(
                                                                                    header.getKey()
                                                                                            .toLowerCase())
                                                                            && !header.getKey()
                                                                                    .equalsIgnoreCase(
                                                                                            "content-length")) {
                                                                        response.putHeader(
                                                                                header.getKey(),
                                                                                header.getValue());
                                                                    }
                                                                });
                                                response.setChunked(true);
                                                answer.handler(response::write);
                                                answer.endHandler(done -> response.end());
                                            });
                            request.handler(upstream::write);
                            request.endHandler(done -> upstream.end());
                            request.resume();
                        });
    }

    /** The endpoint to give the SDK: plain {@code http://}, spoken as HTTP/2 with prior knowledge. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** The HTTP versions requests arrived with ({@code HTTP_2} for h2c). */
    public Set<String> versionsSeen() {
        return Set.copyOf(versionsSeen);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
