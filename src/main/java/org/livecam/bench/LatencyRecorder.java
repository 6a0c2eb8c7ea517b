package org.livecam.bench;

/**
 * A log-linear histogram of durations in microseconds (32 buckets per power of two, so a
 * percentile is within about 3 %), small enough to keep one per thread and merge at the end.
 * Not thread-safe: one writer, read after that writer has stopped.
 */
final class LatencyRecorder {
    private static final int LINEAR = 64;
    private static final int SUB = 32;
    private static final int BUCKETS = LINEAR + (63 - 6) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxMicros;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    void add(LatencyRecorder other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return maxMicros;
    }

    /** The value at {@code percentile} (0 to 100) in microseconds, or 0 when nothing was recorded. */
    long percentileMicros(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), maxMicros);
            }
        }
        return maxMicros;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = 63 - Long.numberOfLeadingZeros(micros); // >= 6
        int shift = msb - 5;
        int sub = (int) (micros >>> shift) - SUB; // 0..31
        return LINEAR + (msb - 6) * SUB + sub;
    }

    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int msb = (index - LINEAR) / SUB + 6;
        int sub = (index - LINEAR) % SUB + SUB;
        int shift = msb - 5;
        return ((long) (sub + 1) << shift) - 1;
    }
}
