package org.livecam.record;

import java.time.Duration;

/**
 * How one camera is recorded.
 *
 * @param every    the least time between recorded frames; zero keeps every frame
 * @param keep     how long a recorded frame is kept and served
 * @param maxBytes the most bytes this camera's recordings may take on disk; 0: no limit but the disk's
 */
public record RecordPolicy(Duration every, Duration keep, long maxBytes) {
    public static final RecordPolicy DEFAULT = new RecordPolicy(Duration.ofSeconds(1), Duration.ofDays(7), 0);
    private static final Duration SHORTEST_GAP = Duration.ofSeconds(10);

    public RecordPolicy {
        if (every.isNegative()) {
            throw new IllegalArgumentException("the record interval must not be negative: " + every);
        }
        if (keep.isZero() || keep.isNegative()) {
            throw new IllegalArgumentException("recordings must be kept for some time, not " + keep);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the record size limit must not be negative: " + maxBytes);
        }
    }

    /** A silence longer than this is a gap between spans (the camera was off): ten intervals, at least 10 s. */
    public Duration gap() {
        Duration tenIntervals = every.multipliedBy(10);
        return tenIntervals.compareTo(SHORTEST_GAP) > 0 ? tenIntervals : SHORTEST_GAP;
    }
}
