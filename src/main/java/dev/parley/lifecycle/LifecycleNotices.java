package dev.parley.lifecycle;

import dev.parley.modelcall.ModelLifecycle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a legacy model's warning headers from where the model is resolved (deep in a route)
 * to the HTTP edge that writes the response ({@code http/Router}, or the head of a streamed
 * response), so no route has to pass them along. The edge opens a {@link Notice} for each request
 * on the thread that handles it; the catalog's resolution step, on that same thread, records the
 * first legacy model in it. Outside an open request (documents, WebSocket, start-up) nothing is
 * recorded.
 */
public final class LifecycleNotices {
    private static final ThreadLocal<Notice> CURRENT = new ThreadLocal<>();

    private LifecycleNotices() {}

    /** One request's notice: the first legacy model it resolved (a compare of several names the first). */
    public static final class Notice {
        // Written on the request's thread, read where the response's head is written (for a
        // streamed response, possibly the model stream's thread).
        private volatile ModelLifecycle lifecycle;

        /** The warning headers for the response (none while no legacy model was resolved). */
        public Map<String, String> headers(String modelsPath) {
            ModelLifecycle recorded = lifecycle;
            return recorded == null ? Map.of() : recorded.headers(modelsPath);
        }
    }

    /** Starts collecting for the request on this thread. */
    public static Notice open() {
        Notice notice = new Notice();
        CURRENT.set(notice);
        return notice;
    }

    /** The notice of the request handled on this thread, if one is open. */
    public static Optional<Notice> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void record(ModelLifecycle lifecycle) {
        Notice notice = CURRENT.get();
        if (notice != null && notice.lifecycle == null) {
            notice.lifecycle = lifecycle;
        }
    }

    /** Ends the request on this thread. */
    public static void close() {
        CURRENT.remove();
    }

    /**
     * {@code response headers} plus the notice's, the response's own winning, except that both
     * {@code X-Parley-Warning}s are kept (joined with "; ").
     */
    public static Map<String, String> merge(
            Map<String, String> notice, Map<String, String> headers) {
        if (notice.isEmpty()) {
            return headers;
        }
        Map<String, String> merged = new LinkedHashMap<>(notice);
        merged.putAll(headers);
        String warning = ModelLifecycle.WARNING;
        if (notice.containsKey(warning) && headers.containsKey(warning)) {
            merged.put(warning, notice.get(warning) + "; " + headers.get(warning));
        }
        return merged;
    }
}
