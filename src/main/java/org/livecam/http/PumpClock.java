package org.livecam.http;

import io.vertx.core.Vertx;

/**
 * The time a {@link FramePump} and its lanes go by: now, and one-shot timers that run on the
 * connection's event loop. Vert.x's own in production; a manual one lets a test move time.
 * Event loop only.
 */
interface PumpClock {
    /** A monotonic now, in nanoseconds. */
    long nanoTime();

    /** Runs {@code task} on the calling event loop after {@code delayMillis}; the returned action cancels it. */
    Runnable schedule(long delayMillis, Runnable task);

    /** System time and Vert.x timers, which fire on the context that set them. */
    static PumpClock of(Vertx vertx) {
        return new PumpClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Runnable schedule(long delayMillis, Runnable task) {
                long id = vertx.setTimer(Math.max(1, delayMillis), ignored -> task.run());
                return () -> vertx.cancelTimer(id);
            }
        };
    }
}
