package dev.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The WebSocket side of the local gateway, doing what an API Gateway WebSocket API does: the
 * upgrade becomes a {@code $connect} event (a non-2xx answer refuses the socket), each text
 * message an event on the route {@code $request.body.action} selects, the close a
 * {@code $disconnect} event. Frames the function posts to the Management API stand-in come back
 * through {@link #deliver} to the socket they name.
 *
 * <p>Events are posted on a worker, never on the event loop, and unordered, so several messages
 * of one connection can be in flight at once, as with API Gateway.
 */
final class LocalWebSockets implements LocalManagementApi.Sink {
    static final String PATH = "/ws";

    /** Local only, for clients that cannot set headers (browsers): {@code ws://.../ws?user=alice}. */
    static final String USER_PARAMETER = "user";

    private static final Logger LOG = Logger.getLogger(LocalWebSockets.class);

    /** API Gateway closes a connection that sends binary frames with 1003 (unsupported data). */
    private static final short UNSUPPORTED_DATA = 1003;

    /** API Gateway closes a connection that breaks its frame or message quota with 1009. */
    private static final short MESSAGE_TOO_BIG = 1009;

    private final WorkerExecutor workers;
    private final LocalLambdaClient lambda;
    private final WebSocketApiEvents events;
    private final ObjectMapper mapper;

    /** {@code host:port} of the local server, known once it listens. */
    private final Supplier<String> domainName;

    /** Accepted connections by id, until they close. */
    private final Map<String, ServerWebSocket> open = new ConcurrentHashMap<>();

    LocalWebSockets(
            WorkerExecutor workers,
            LocalLambdaClient lambda,
            ObjectMapper mapper,
            Supplier<String> domainName) {
        this.workers = workers;
        this.lambda = lambda;
        this.events = new WebSocketApiEvents(mapper);
        this.mapper = mapper;
        this.domainName = domainName;
    }

    /** Runs on the event loop for every WebSocket upgrade request. */
    void handle(ServerWebSocket socket) {
        if (!PATH.equals(socket.path())) {
            socket.reject(404);
            return;
        }
        Map<String, List<String>> headers =
                HttpApiEvents.byLowerCaseName(socket.headers().entries());
        Map<String, List<String>> query = query(socket.query());
        List<String> userHeader = headers.remove(HttpApiEvents.LOCAL_USER_HEADER);
        List<String> userParameter = query.remove(USER_PARAMETER);
        String user =
                userHeader != null
                        ? userHeader.get(0)
                        : userParameter != null ? userParameter.get(0) : null;
        WebSocketApiEvents.Connection connection =
                new WebSocketApiEvents.Connection(
                        WebSocketApiEvents.Connection.newId(),
                        domainName.get(),
                        System.currentTimeMillis(),
                        user == null || user.isBlank() ? null : user,
                        socket.remoteAddress().hostAddress(),
                        socket.headers().get("User-Agent"));
        JsonNode connect = events.connect(connection, headers, query);
        listen(connection, socket);
        // The handshake waits for the function: 101 when it answers 2xx, its status otherwise.
        socket.setHandshake(
                        post(connect)
                                .map(
                                        result -> {
                                            int status = result.path("statusCode").asInt(502);
                                            return status >= 200 && status < 300
                                                    ? 101
                                                    : status >= 400 && status < 600 ? status : 502;
                                        })
                                .otherwise(502))
                .onSuccess(
                        status -> {
                            if (status == 101) {
                                open.put(connection.id(), socket);
                            }
                        });
    }

    /** Set before the handshake completes, so no message can come before its handler. */
    private void listen(WebSocketApiEvents.Connection connection, ServerWebSocket socket) {
        WebSocketMessageAssembler assembler = new WebSocketMessageAssembler();
        socket.frameHandler(
                frame -> {
                    if (frame.isBinary()) {
                        socket.close(UNSUPPORTED_DATA, "binary frames are not supported");
                    } else if (frame.isText() || frame.isContinuation()) {
                        WebSocketMessageAssembler.Outcome outcome = assembler.add(frame);
                        if (outcome instanceof WebSocketMessageAssembler.Outcome.Message message) {
                            post(events.message(connection, message.text()))
                                    .onFailure(failure -> internalError(connection, socket));
                        } else if (outcome
                                instanceof WebSocketMessageAssembler.Outcome.TooBig tooBig) {
                            tooBig(socket, tooBig.reason());
                        }
                    }
                });
        socket.exceptionHandler(
                failure -> LOG.debugf("connection %s: %s", connection.id(), failure));
        socket.closeHandler(
                closed -> {
                    // Only connections the function accepted get a $disconnect.
                    if (open.remove(connection.id()) != null) {
                        Short code = socket.closeStatusCode();
                        post(
                                events.disconnect(
                                        connection,
                                        code == null ? 1006 : code,
                                        socket.closeReason()));
                    }
                });
    }

    /**
     * Writes a frame the function posted to its connection and waits until it is out, so the
     * function's PostToConnection sees GoneException for a socket that has closed. Runs on the
     * Management API stand-in's threads, never on the event loop.
     */
    @Override
    public boolean deliver(String connectionId, String frame) {
        ServerWebSocket socket = open.get(connectionId);
        if (socket == null || socket.isClosed()) {
            return false;
        }
        try {
            socket.writeTextMessage(frame)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false; // closed while writing, or the client stopped reading
        }
    }

    private Future<JsonNode> post(JsonNode event) {
        return workers.executeBlocking(() -> lambda.invoke(event), false)
                .onFailure(
                        failure ->
                                LOG.warnf(
                                        "WebSocket %s event failed: %s",
                                        event.path("requestContext").path("routeKey").asText(),
                                        failure.getMessage()));
    }

    /** What API Gateway sends a client when the integration of its message failed. */
    private void internalError(WebSocketApiEvents.Connection connection, ServerWebSocket socket) {
        if (!socket.isClosed()) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("message", "Internal server error");
            error.put("connectionId", connection.id());
            error.put("requestId", java.util.UUID.randomUUID().toString());
            socket.writeTextMessage(mapper.valueToTree(error).toString());
        }
    }

    /**
     * A message over API Gateway's quotas: API Gateway closes the connection with 1009 (message too
     * big) and says nothing more; the local gateway first sends an {@code error} frame in Parley's
     * shape naming the quota, so the client (wscat, the playground) can see why.
     */
    private void tooBig(ServerWebSocket socket, String reason) {
        if (socket.isClosed()) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "payload_too_large");
        error.put("message", reason);
        error.put("requestId", java.util.UUID.randomUUID().toString());
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("error", error);
        socket.writeTextMessage(mapper.valueToTree(frame).toString())
                .onComplete(written -> socket.close(MESSAGE_TOO_BIG, "message too big"));
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.computeIfAbsent(
                                HttpApiEvents.decode(eq < 0 ? pair : pair.substring(0, eq)),
                                name -> new java.util.ArrayList<>())
                        .add(eq < 0 ? "" : HttpApiEvents.decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }
}
