package dev.parley.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests (it replaces time/Clocks' default bean): the system's UTC
 * clock until a test pins it with {@link #set}, so period boundaries can be crossed on demand.
 * Setting it sets the Bedrock emulator's clock to the same instant, so that Parley and the
 * emulator agree on which lifecycle dates have passed; {@link #reset} puts both back.
 *
 * <p>{@code -Dparley.clock.now=2031-01-01T00:00:00Z} starts this clock and the emulator's at
 * that instant for the whole run: the suite must pass on any date, not only today's.
 */
@Singleton
public class MovableClock extends Clock {
    /** The system property both clocks start from (the emulator reads it too). */
    public static final String NOW_PROPERTY = "parley.clock.now";

    /** Offset from the system clock; time keeps running while pinned, as it would in production. */
    private final Duration start = startOffset();

    private final AtomicReference<Duration> offset = new AtomicReference<>(start);

    public void set(Instant now) {
        offset.set(Duration.between(Instant.now(), now));
        Emulator.control().setClock(now);
    }

    public void reset() {
        offset.set(start);
        Emulator.control().setClock(instant());
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

    private static Duration startOffset() {
        String now = System.getProperty(NOW_PROPERTY, "").trim();
        return now.isEmpty() ? Duration.ZERO : Duration.between(Instant.now(), Instant.parse(now));
    }
}
