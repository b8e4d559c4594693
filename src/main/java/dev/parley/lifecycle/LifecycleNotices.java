package dev.parley.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries a legacy model's warning headers from where the model is resolved (deep in a route)
 * to the HTTP edge ({@code http/Router}) that writes the response, so no route has to pass them
 * along. One request is handled on one thread from dispatch to response; the notice lives in a
 * thread-local that the edge opens and clears around each request. Outside an open request
 * (documents, WebSocket, start-up) nothing is recorded.
 */
public final class LifecycleNotices {
    /**
     * {@link #OPEN} while a request is handled and no legacy model was resolved yet, then the first
     * legacy model's lifecycle (a compare of several legacy models names the first); nothing is
     * allocated per request.
     */
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
    private static final Object OPEN = new Object();

    private LifecycleNotices() {
    }

    /** Starts collecting for the request on this thread. */
    public static void open() {
        CURRENT.set(OPEN);
    }

    static void record(ModelLifecycle lifecycle) {
        if (CURRENT.get() == OPEN) {
            CURRENT.set(lifecycle);
        }
    }

    /** Ends the request on this thread: the headers to add to its response (none for active models). */
    public static Map<String, String> close(boolean openAi) {
        Object notice = CURRENT.get();
        CURRENT.remove();
        return notice instanceof ModelLifecycle lifecycle ? lifecycle.headers(openAi) : Map.of();
    }

    /** {@code response headers} plus the notice's, the response's own winning. */
    public static Map<String, String> merge(Map<String, String> notice, Map<String, String> headers) {
        if (notice.isEmpty()) {
            return headers;
        }
        Map<String, String> merged = new LinkedHashMap<>(notice);
        merged.putAll(headers);
        return merged;
    }
}
