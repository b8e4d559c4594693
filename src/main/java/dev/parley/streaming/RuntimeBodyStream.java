package dev.parley.streaming;

import dev.parley.http.BodyStream;
import dev.parley.http.HttpRequest;
import dev.parley.lifecycle.LifecycleNotices;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body stream of an HTTP request run by {@link StreamRuntime}: pieces go out as chunks of the
 * invocation's {@link ResponseStream}. On any other thread (Quarkus's loop behind the HTTP API)
 * there is no stream and routes answer whole.
 */
@ApplicationScoped
public class RuntimeBodyStream implements BodyStream {
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    @Override
    public Optional<Sink> open(HttpRequest request) {
        // A legacy model's warning headers (lifecycle/): the model is resolved on this thread, before
        // or after the sink opens, and always before the first piece is written.
        Optional<LifecycleNotices.Notice> lifecycle = LifecycleNotices.current();
        boolean openAi = request.path().startsWith("/openai/");
        return StreamRuntime.current().map(stream -> new Sink() {
            @Override
            public void write(String piece) {
                byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                synchronized (stream) {
                    if (stream.started()) {
                        stream.write(bytes);
                    } else {
                        Map<String, String> head = Map.of("Content-Type", EVENT_STREAM, "Cache-Control", "no-cache",
                                "X-Request-Id", request.requestId());
                        stream.start(200, lifecycle.map(notice -> LifecycleNotices.merge(notice.headers(openAi), head))
                                .orElse(head), List.of(), bytes);
                    }
                }
            }

            @Override
            public void fail(String errorCode, String message) {
                stream.fail(errorCode, message);
            }
        });
    }
}
