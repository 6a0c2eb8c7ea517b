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
    private static final long SEGMENT_MAX_BYTES = 64L << 20;
    private static final long SEGMENT_MIN_BYTES = 256L << 10;

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

    /**
     * The most bytes one segment of this camera holds: a 16th of what it may keep (its
     * {@code maxBytes}, and no more than {@code diskBytes}, the room its file system has for
     * recordings), between 256 KB and 64 MB. Retention deletes whole segments, so on a small disk
     * a segment as big as the disk would take the whole archive with it.
     */
    public long segmentBytes(long diskBytes) {
        long budget = Math.min(maxBytes > 0 ? maxBytes : Long.MAX_VALUE, Math.max(0, diskBytes));
        return Math.max(SEGMENT_MIN_BYTES, Math.min(SEGMENT_MAX_BYTES, budget / 16));
    }

    /** A silence longer than this is a gap between spans (the camera was off): ten intervals, at least 10 s. */
    public Duration gap() {
        Duration tenIntervals = every.multipliedBy(10);
        return tenIntervals.compareTo(SHORTEST_GAP) > 0 ? tenIntervals : SHORTEST_GAP;
    }
}
