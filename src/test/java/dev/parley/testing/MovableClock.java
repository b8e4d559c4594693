package dev.parley.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests (it replaces time/Clocks' default bean): the system's UTC
 * clock until a test pins it with {@link #set}, so period boundaries can be crossed on demand.
 * Tests that move it put it back with {@link #reset}.
 */
@Singleton
public class MovableClock extends Clock {
    /** Offset from the system clock; time keeps running while pinned, as it would in production. */
    private final AtomicReference<java.time.Duration> offset = new AtomicReference<>(java.time.Duration.ZERO);

    public void set(Instant now) {
        offset.set(java.time.Duration.between(Instant.now(), now));
    }

    public void reset() {
        offset.set(java.time.Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Parley's clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
