package dev.parley.pipeline;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP request's dealings with the response cache, carried the way {@code
 * lifecycle/LifecycleNotices} carries warnings: the edge that reads the request ({@code
 * http/Router}) opens it with the client's directive ({@code Cache-Control: no-cache}), each {@link
 * CallContext} made on that thread takes it along, the response cache records every cacheable
 * call's hit or miss in it (from any thread: compare runs its calls on a pool), and the edge writes
 * {@value #HEADER} from it. So no route reads the request's header or writes the answer's.
 */
public final class CacheNotice {
    public static final String HEADER = "X-Parley-Cache";

    private static final ThreadLocal<CacheNotice> CURRENT = new ThreadLocal<>();

    private final boolean refresh;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    private CacheNotice(boolean refresh) {
        this.refresh = refresh;
    }

    /** Starts the request on this thread; {@code refresh} when the client asked to bypass the cache. */
    public static CacheNotice open(boolean refresh) {
        CacheNotice notice = new CacheNotice(refresh);
        CURRENT.set(notice);
        return notice;
    }

    /** Ends the request on this thread. */
    public static void close() {
        CURRENT.remove();
    }

    static Optional<CacheNotice> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Whether the client sent {@code Cache-Control: no-cache}. */
    public boolean refresh() {
        return refresh;
    }

    /** A cacheable call of this request was answered from the cache ({@code hit}) or by the model. */
    public void record(boolean hit) {
        (hit ? hits : misses).incrementAndGet();
    }

    /**
     * {@code hit} when every cacheable call was answered from the cache, {@code miss} when one was
     * not, nothing when no call of the request was cacheable.
     */
    public Optional<String> header() {
        if (misses.get() > 0) {
            return Optional.of("miss");
        }
        return hits.get() > 0 ? Optional.of("hit") : Optional.empty();
    }
}
