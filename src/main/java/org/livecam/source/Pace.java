package org.livecam.source;

import java.util.concurrent.TimeUnit;

/**
 * Paces a loop at a fixed rate: each tick is one period after the last, so the time the loop's
 * work takes does not slow the rate. A loop that fell behind starts again from now instead of
 * bursting to catch up. Not thread-safe: one per loop.
 */
final class Pace {
    private final long periodNanos;
    private long next;

    Pace(double fps) {
        this.periodNanos = (long) (1_000_000_000L / fps);
        this.next = System.nanoTime();
    }

    /** Sleeps until the next tick; throws at once when the thread is interrupted. */
    void awaitNextTick() throws InterruptedException {
        next += periodNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        } else {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            next = System.nanoTime();
        }
    }
}
