package org.livecam.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the ceiling doubles from {@code min} to {@code max} with each
 * failure, and each wait is drawn from the upper half of the ceiling, so many cameras that lost
 * the same server do not all come back in step. No wait is longer than {@code max}, which is
 * what bounds how long frames take to flow again after the server (or the camera) returns.
 * Used by the restarting sources and by the uploader. Not thread-safe: one retrying thread owns it.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long ceilingMillis;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max: " + min + ", " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.ceilingMillis = minMillis;
    }

    /** The wait before the next attempt; each call after a failure doubles the ceiling. */
    public Duration next() {
        long ceiling = ceilingMillis;
        ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** After a success: the next failure starts again from {@code min}. */
    public void reset() {
        ceilingMillis = minMillis;
    }

    /** The longest wait, for messages that say how far apart retries get. */
    public Duration max() {
        return Duration.ofMillis(maxMillis);
    }
}
