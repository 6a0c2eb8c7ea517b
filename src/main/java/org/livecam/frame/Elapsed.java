package org.livecam.frame;

import java.time.Clock;

/**
 * Milliseconds that only go forward, for durations (rates, silences, staleness); wall time is for
 * display and stored timestamps only, so a wall clock set back (NTP, a user, a VM resumed) does
 * not freeze the fps figures or keep a stopped camera "live" for the length of the jump. Under
 * the system clock this is {@link System#nanoTime}; under an injected clock (tests) it is that
 * clock's readings with a backward jump taken as no time passing. Thread-safe.
 */
final class Elapsed {
    private final Clock clock; // null: System.nanoTime
    private long lastWallMillis = Long.MIN_VALUE; // guarded by this
    private long elapsedMillis; // guarded by this

    private Elapsed(Clock clock) {
        this.clock = clock;
    }

    static Elapsed of(Clock clock) {
        return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone()) ? new Elapsed(null) : new Elapsed(clock);
    }

    long millis() {
        if (clock == null) {
            return System.nanoTime() / 1_000_000;
        }
        long wall = clock.millis();
        synchronized (this) {
            if (lastWallMillis != Long.MIN_VALUE && wall > lastWallMillis) {
                elapsedMillis += wall - lastWallMillis;
            }
            lastWallMillis = wall; // after a jump back, time counts on from the new reading
            return elapsedMillis;
        }
    }
}
