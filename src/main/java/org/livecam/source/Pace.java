package org.livecam.source;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces a loop at a fixed rate: each tick is one period after the last, so the time the loop's
 * work takes does not slow the rate. A loop that fell behind starts again from now instead of
 * bursting to catch up. Not thread-safe: one per loop.
 */
final class Pace {
    /** Sleeps for a number of nanoseconds; throws when the thread is interrupted. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next;

    Pace(double fps) {
        this(fps, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    Pace(double fps, LongSupplier nanoTime, Sleeper sleeper) {
        this.periodNanos = (long) (1_000_000_000L / fps);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.next = nanoTime.getAsLong();
    }

    /** Sleeps until the next tick; throws at once when the thread is interrupted. */
    void awaitNextTick() throws InterruptedException {
        next += periodNanos;
        long wait = next - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleep(wait);
        } else {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            next = nanoTime.getAsLong();
        }
    }
}
