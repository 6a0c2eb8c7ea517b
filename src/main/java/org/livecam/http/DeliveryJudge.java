package org.livecam.http;

/**
 * Judges, window by window, whether one viewer's link holds its frames, for {@code ?width=auto}:
 * {@link Step#SMALLER} when it skipped most of the frames it could have had for
 * {@link #BAD_WINDOWS} windows in a row (it was unwritable while newer frames came), and
 * {@link Step#LARGER} when for {@link #GOOD_WINDOWS} windows in a row it got nearly every frame
 * with room to spare (its connection busy less than {@link #ROOM_TO_SPARE} of the time; the next
 * width up carries about twice the bytes). A step up that is soon followed by a step down makes
 * the next step up wait twice as long, so a link just between two sizes does not flap.
 *
 * <p>A window is at least a second and three frames (at most five seconds), so slow cameras are
 * judged on enough frames. Frames beyond the viewer's own fps cap are not counted as missed.
 * Pure arithmetic on the times it is given. Event loop only.
 */
final class DeliveryJudge {
    static final long WINDOW_NANOS = 1_000_000_000L;
    static final int BAD_WINDOWS = 3;
    static final int GOOD_WINDOWS = 8;
    static final int MOST_GOOD_WINDOWS = 64;
    static final double ROOM_TO_SPARE = 0.3;

    enum Step { SMALLER, STAY, LARGER }

    private final long minIntervalNanos;
    private long windowStart = -1;
    private long busyAtStart;
    private int offered;
    private int written;
    private int badInARow;
    private int goodInARow;
    private int goodNeeded = GOOD_WINDOWS;
    private long lastLargerNanos = Long.MIN_VALUE / 2;

    /** {@code minIntervalNanos}: the viewer's own fps cap as an interval, 0 for none. */
    DeliveryJudge(long minIntervalNanos) {
        this.minIntervalNanos = minIntervalNanos;
    }

    /** A new frame was there for this viewer. */
    void offered() {
        offered++;
    }

    /** A new frame was written to this viewer. */
    void written() {
        written++;
    }

    /**
     * Closes the window when it is long enough and says what it shows. {@code busyNanos}: the
     * connection's time spent unwritable so far (a running total).
     */
    Step judge(long nowNanos, long busyNanos) {
        if (windowStart < 0) {
            restart(nowNanos, busyNanos);
            return Step.STAY;
        }
        long span = nowNanos - windowStart;
        if (span < WINDOW_NANOS || (offered < 3 && span < 5 * WINDOW_NANOS)) {
            return Step.STAY;
        }
        long couldHave = minIntervalNanos > 0 ? Math.min(offered, Math.max(1, span / minIntervalNanos)) : offered;
        double busy = (busyNanos - busyAtStart) / (double) span;
        boolean skippedMost = written * 2 < couldHave;
        boolean roomy = written * 10 >= couldHave * 9 && busy < ROOM_TO_SPARE;
        badInARow = skippedMost ? badInARow + 1 : 0;
        goodInARow = roomy ? goodInARow + 1 : 0;
        restart(nowNanos, busyNanos);
        if (badInARow >= BAD_WINDOWS) {
            badInARow = 0;
            goodInARow = 0;
            if (nowNanos - lastLargerNanos < 2L * goodNeeded * WINDOW_NANOS) {
                goodNeeded = Math.min(MOST_GOOD_WINDOWS, goodNeeded * 2); // the larger size did not hold
            }
            return Step.SMALLER;
        }
        if (goodInARow >= goodNeeded) {
            badInARow = 0;
            goodInARow = 0;
            lastLargerNanos = nowNanos;
            return Step.LARGER;
        }
        return Step.STAY;
    }

    /** The viewer moved to another size: what was measured at the old one no longer counts. */
    void reset() {
        windowStart = -1;
        badInARow = 0;
        goodInARow = 0;
    }

    private void restart(long nowNanos, long busyNanos) {
        windowStart = nowNanos;
        busyAtStart = busyNanos;
        offered = 0;
        written = 0;
    }
}
