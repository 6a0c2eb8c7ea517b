package org.livecam.bench;

/** The span of {@code System.nanoTime()} being measured; set by the main thread, read by the loops. */
final class MeasureWindow {
    private volatile long fromNanos = Long.MAX_VALUE;
    private volatile long untilNanos = Long.MAX_VALUE;

    void open(long nowNanos) {
        fromNanos = nowNanos;
    }

    void close(long nowNanos) {
        untilNanos = nowNanos;
    }

    boolean contains(long nanos) {
        return nanos >= fromNanos && nanos < untilNanos;
    }

    long untilNanos() {
        return untilNanos;
    }

    double seconds() {
        return (untilNanos - fromNanos) / 1e9;
    }
}
