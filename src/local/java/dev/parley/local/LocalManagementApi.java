package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the API Gateway Management API ({@code POST /{stage}/@connections/{id}}), the way
 * the function posts WebSocket frames. It records every frame, hands it to a {@link Sink} (the
 * local run's WebSocket server delivers it to the socket), and answers 410 {@code GoneException}
 * for connections that have gone, as API Gateway does.
 *
 * <p>Tests drive it over HTTP ({@code /_control/...}, see {@link ManagementApiControl}).
 */
public final class LocalManagementApi implements AutoCloseable {
    public static final String STAGE = "local";

    /** Delivers a frame; returns false when the connection no longer exists. */
    public interface Sink {
        boolean deliver(String connectionId, String frame);
    }

    private record Frame(JsonNode data, long receivedAtMillis) {}

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, List<Frame>> frames = new ConcurrentHashMap<>();

    /** Connection id → number of frames it accepts before it is gone. */
    private final Map<String, Integer> goneAfter = new ConcurrentHashMap<>();

    private volatile Sink sink = (connectionId, frame) -> true;

    /** Another Management API every frame is passed on to instead of the sink (tests: a local gateway's). */
    private volatile URI forward;

    private final java.net.http.HttpClient forwarder =
            java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .connectTimeout(java.time.Duration.ofSeconds(5))
                    .build();

    private LocalManagementApi(HttpServer server) {
        this.server = server;
    }

    public static LocalManagementApi start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        LocalManagementApi api = new LocalManagementApi(server);
        server.createContext("/", api::handle);
        server.setExecutor(
                Executors.newFixedThreadPool(
                        8,
                        task -> {
                            Thread thread = new Thread(task, "local-management-api");
                            thread.setDaemon(true);
                            return thread;
                        }));
        server.start();
        return api;
    }

    /** The endpoint the function posts to, as {@code parley.websocket.management-endpoint}. */
    public URI endpoint() {
        return URI.create(
                "http://"
                        + server.getAddress().getAddress().getHostAddress()
                        + ":"
                        + server.getAddress().getPort()
                        + "/"
                        + STAGE);
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    public void gone(String connectionId) {
        goneAfter.put(connectionId, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path =
                    URLDecoder.decode(
                            exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String connections = "/" + STAGE + "/@connections/";
            if (path.startsWith(connections)) {
                connection(exchange, method, path.substring(connections.length()));
            } else if (path.startsWith("/_control/")) {
                control(exchange, method, path.substring("/_control/".length()));
            } else {
                send(exchange, 404, "{\"message\":\"Not Found\"}", null);
            }
        }
    }

    private void connection(HttpExchange exchange, String method, String connectionId)
            throws IOException {
        List<Frame> received =
                frames.computeIfAbsent(connectionId, id -> new CopyOnWriteArrayList<>());
        if ("DELETE".equals(method)) {
            gone(connectionId);
            send(exchange, 204, null, null);
            return;
        }
        Integer limit = goneAfter.get(connectionId);
        if (limit != null && received.size() >= limit) {
            send(exchange, 410, "{\"message\":\"Gone\"}", "GoneException");
            return;
        }
        String frame = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Frame(parse(frame), System.currentTimeMillis()));
        if (!(forward == null ? sink.deliver(connectionId, frame) : forward(connectionId, frame))) {
            gone(connectionId);
            send(exchange, 410, "{\"message\":\"Gone\"}", "GoneException");
            return;
        }
        send(exchange, 200, null, null);
    }

    /** Posts the frame to the other Management API; false when it answers that the connection has gone. */
    private boolean forward(String connectionId, String frame) {
        try {
            return forwarder
                            .send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    URI.create(
                                                            forward
                                                                    + "/@connections/"
                                                                    + java.net.URLEncoder.encode(
                                                                            connectionId,
                                                                            StandardCharsets
                                                                                    .UTF_8)))
                                            .POST(
                                                    java.net.http.HttpRequest.BodyPublishers
                                                            .ofString(frame))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    != 410;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code GET frames/{id}}, {@code POST gone/{id}?after=N}, {@code POST forward} (body: another
     * Management API's endpoint, or empty to stop), {@code POST reset}.
     */
    private void control(HttpExchange exchange, String method, String what) throws IOException {
        if ("POST".equals(method) && what.equals("reset")) {
            frames.clear();
            goneAfter.clear();
            forward = null;
            send(exchange, 200, "{}", null);
        } else if ("POST".equals(method) && what.equals("forward")) {
            String to =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                            .trim();
            forward = to.isEmpty() ? null : URI.create(to);
            send(exchange, 200, "{}", null);
        } else if ("GET".equals(method) && what.startsWith("frames/")) {
            ArrayNode list = mapper.createArrayNode();
            for (Frame frame : frames.getOrDefault(what.substring("frames/".length()), List.of())) {
                list.addObject()
                        .put("receivedAtMillis", frame.receivedAtMillis())
                        .set("data", frame.data());
            }
            send(exchange, 200, mapper.createObjectNode().set("frames", list).toString(), null);
        } else if ("POST".equals(method) && what.startsWith("gone/")) {
            String query = exchange.getRequestURI().getQuery();
            int after =
                    query != null && query.startsWith("after=")
                            ? Integer.parseInt(query.substring(6))
                            : 0;
            goneAfter.put(what.substring("gone/".length()), after);
            send(exchange, 200, "{}", null);
        } else {
            send(exchange, 404, "{\"message\":\"unknown control call\"}", null);
        }
    }

    private JsonNode parse(String frame) {
        try {
            return mapper.readTree(frame);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(frame);
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String errorType)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
