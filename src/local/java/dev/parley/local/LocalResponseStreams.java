package dev.parley.local;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's side of the local body stream: every proxied request gets a loopback URL (in
 * {@link #HEADER}) where the function may post pieces of its body; the first piece sends the
 * status line and event-stream headers, each piece is one chunk, and the function's final answer
 * then only ends the response. What API Gateway's HTTP API cannot do, so this exists locally only.
 */
final class LocalResponseStreams {
    static final String HEADER = "x-parley-local-stream";
    static final String PATH = "/_local/streams/";

    private final Map<String, HttpServerResponse> open = new ConcurrentHashMap<>();
    private final Map<String, Boolean> started = new ConcurrentHashMap<>();

    /** Registers a response; returns the id whose URL goes into the event's {@link #HEADER}. */
    String register(HttpServerResponse response) {
        String id = UUID.randomUUID().toString();
        open.put(id, response);
        return id;
    }

    String url(String host, int port, String id) {
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port + PATH + id;
    }

    /** Handles a piece posted by the function; false when the request is not one. Runs on the event loop. */
    boolean handle(HttpServerRequest request) {
        if (!request.path().startsWith(PATH) || !"POST".equals(request.method().name())) {
            return false;
        }
        String id = request.path().substring(PATH.length());
        request.body().onSuccess(piece -> {
            HttpServerResponse target = open.get(id);
            if (target == null) {
                request.response().setStatusCode(404).end();
                return;
            }
            if (started.putIfAbsent(id, true) == null) {
                target.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                        .putHeader("Cache-Control", "no-cache");
            }
            if (!target.closed()) {
                target.write(piece);
            }
            request.response().setStatusCode(204).end();
        });
        return true;
    }

    /** True when pieces were sent: the response is then ended, and the whole body is not sent again. */
    boolean finish(String id) {
        open.remove(id);
        return started.remove(id) != null;
    }
}
