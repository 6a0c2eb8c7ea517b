package org.livecam.push;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code --fps}: spaces the frames an uploader takes at least {@code 1/maxFps} apart, counted
 * from when each frame was taken (so a slow answer uses up the wait instead of adding to it).
 * With {@code maxFps} 0 every turn is at once. The clock and the sleep are passed in, so the
 * spacing is tested without passing time. Sender thread only.
 */
final class FpsCap {
    /** Waits, as {@link TimeUnit#sleep} does; a test moves its clock instead. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextTurnNanos;
    private boolean started;

    FpsCap(double maxFps, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = maxFps > 0 ? (long) (1e9 / maxFps) : 0;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static FpsCap systemClock(double maxFps) {
        return new FpsCap(maxFps, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Returns when the next frame may be taken. */
    void awaitTurn() throws InterruptedException {
        long wait = nextTurnNanos - nanoTime.getAsLong();
        if (started && wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** A frame was taken to be sent: the next turn is one interval from now. */
    void taken() {
        if (intervalNanos > 0) {
            nextTurnNanos = nanoTime.getAsLong() + intervalNanos;
            started = true;
        }
    }
}
