package dev.parley.streaming;

import dev.parley.http.BodyStream;
import dev.parley.http.Dialects;
import dev.parley.http.HttpRequest;
import dev.parley.lifecycle.LifecycleNotices;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The body stream of an HTTP request run by {@link StreamRuntime}: pieces go out as chunks of the
 * invocation's {@link ResponseStream}, with an SSE comment ({@value #HEARTBEAT}) after each
 * {@code parley.streaming.heartbeat-interval} of silence. On any other thread (Quarkus's loop
 * behind the HTTP API) there is no stream and routes answer whole.
 */
@ApplicationScoped
public class RuntimeBodyStream implements BodyStream {
    /** An SSE comment line: every client ignores it, every proxy sees traffic. */
    static final String HEARTBEAT = ": keep-alive\n\n";

    private final StreamingSettings settings;

    /** Created on first use, at run time (never during a native image's build-time initialization). */
    private ScheduledExecutorService heartbeats;

    private final Dialects dialects;

    RuntimeBodyStream(StreamingSettings settings, Dialects dialects) {
        this.settings = settings;
        this.dialects = dialects;
    }

    @Override
    public Optional<Sink> open(HttpRequest request, Map<String, String> headers) {
        // A legacy model's warning headers (lifecycle/): the model is resolved on this thread,
        // before
        // or after the sink opens, and always before the first piece is written.
        Optional<LifecycleNotices.Notice> lifecycle = LifecycleNotices.current();
        String modelsPath = dialects.modelsPath(request.path());
        return StreamRuntime.current()
                .map(
                        stream -> {
                            StreamSink sink =
                                    new StreamSink(
                                            stream,
                                            request,
                                            lifecycle,
                                            modelsPath,
                                            Map.copyOf(headers));
                            long interval = settings.heartbeatInterval().toMillis();
                            sink.heartbeat =
                                    scheduler()
                                            .scheduleWithFixedDelay(
                                                    sink::beatIfSilent,
                                                    interval,
                                                    interval / 4,
                                                    TimeUnit.MILLISECONDS);
                            // The model thinks for a while (hundreds of ms) before its first
                            // token: the POST's connection and request head are ready by then.
                            scheduler().execute(stream::prepare);
                            return sink;
                        });
    }

    @Override
    public boolean started(HttpRequest request) {
        return StreamRuntime.current().map(ResponseStream::started).orElse(false);
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (heartbeats == null) {
            heartbeats =
                    Executors.newSingleThreadScheduledExecutor(
                            runnable -> {
                                Thread thread = new Thread(runnable, "parley-stream-heartbeat");
                                thread.setDaemon(true);
                                return thread;
                            });
        }
        return heartbeats;
    }

    @PreDestroy
    synchronized void stop() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    private final class StreamSink implements Sink {
        private final ResponseStream stream;
        private final HttpRequest request;
        private final Optional<LifecycleNotices.Notice> lifecycle;
        private final String modelsPath;
        private final Map<String, String> routeHeaders;
        private volatile long lastPieceNanos = System.nanoTime();
        private volatile ScheduledFuture<?> heartbeat;

        StreamSink(
                ResponseStream stream,
                HttpRequest request,
                Optional<LifecycleNotices.Notice> lifecycle,
                String modelsPath,
                Map<String, String> routeHeaders) {
            this.stream = stream;
            this.routeHeaders = routeHeaders;
            this.request = request;
            this.lifecycle = lifecycle;
            this.modelsPath = modelsPath;
        }

        @Override
        public void write(String piece) {
            if (stream.gone()) {
                // A heartbeat met the closed connection first: the route must still hear of it, to
                // stop the model.
                throw new ResponseStream.Gone(
                        new java.io.IOException("the client went away during a heartbeat"));
            }
            send(piece);
        }

        @Override
        public void fail(String errorCode, String message) {
            stream.fail(errorCode, message);
        }

        @Override
        public boolean started() {
            return stream.started();
        }

        /** Runs on the heartbeat thread; ends itself once the response is over. */
        void beatIfSilent() {
            if (stream.over()) {
                heartbeat.cancel(false);
                return;
            }
            if (System.nanoTime() - lastPieceNanos >= settings.heartbeatInterval().toNanos()) {
                try {
                    send(HEARTBEAT);
                } catch (RuntimeException clientGone) {
                    // The route's own next write reports it (ResponseStream.Gone); the beats stop.
                    heartbeat.cancel(false);
                }
            }
        }

        private void send(String piece) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            synchronized (stream) {
                if (stream.over()) {
                    return;
                }
                lastPieceNanos = System.nanoTime();
                if (stream.started()) {
                    stream.write(bytes);
                } else {
                    Map<String, String> head = new java.util.LinkedHashMap<>(routeHeaders);
                    head.putAll(
                            Map.of(
                                    "Content-Type",
                                    BodyStream.EVENT_STREAM,
                                    "Cache-Control",
                                    "no-cache",
                                    "X-Request-Id",
                                    request.requestId()));
                    stream.start(
                            200,
                            lifecycle
                                    .map(
                                            notice ->
                                                    LifecycleNotices.merge(
                                                            notice.headers(modelsPath), head))
                                    .orElse(head),
                            List.of(),
                            bytes);
                }
            }
        }
    }
}
