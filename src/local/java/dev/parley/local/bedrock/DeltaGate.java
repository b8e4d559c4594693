package dev.parley.local.bedrock;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a stream's deltas until a test releases them one by one, so that a test can show a
 * chunk reached its client before the model produced the next one: an order of events, which
 * load cannot break, instead of spacing on the wall clock, which it can. Open (no holding) unless a
 * test asked for it; a reset opens it again and lets every waiting delta go.
 */
final class DeltaGate {
    /** A held delta that nobody releases fails its stream rather than hanging a test run. */
    private static final long MAX_HOLD_SECONDS = 60;

    private volatile Semaphore permits;
    private final AtomicInteger passed = new AtomicInteger();

    void hold() {
        open();
        passed.set(0);
        permits = new Semaphore(0);
    }

    void release(int deltas) {
        Semaphore held = permits;
        if (held == null) {
            throw new IllegalArgumentException("deltas are not held: hold them first");
        }
        held.release(deltas);
    }

    void open() {
        Semaphore held = permits;
        permits = null;
        if (held != null) {
            held.release(Integer.MAX_VALUE / 2);
        }
    }

    /** How many deltas went through since the gate was last held. */
    int passed() {
        return passed.get();
    }

    /** Called before each delta is written: waits for its release while the gate holds. */
    void await() {
        Semaphore held = permits;
        if (held != null) {
            try {
                if (!held.tryAcquire(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(
                            "a held delta was not released within " + MAX_HOLD_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding a delta", e);
            }
        }
        passed.incrementAndGet();
    }
}
