package org.livecam.frame;

/**
 * Events per second over the last few whole seconds, for the fps figures users see.
 * Thread-safe; {@link #mark} is cheap enough to call once per frame.
 */
public final class RateMeter {
    private static final int WINDOW_SECONDS = 5;

    private final long[] counts = new long[WINDOW_SECONDS + 1];
    private long currentSecond = Long.MIN_VALUE;

    public synchronized void mark(long nowMillis) {
        advance(nowMillis / 1000);
        counts[(int) Math.floorMod(currentSecond, counts.length)]++;
    }

    /** The mean rate over the last full seconds, ignoring the second in progress. */
    public synchronized double perSecond(long nowMillis) {
        advance(nowMillis / 1000);
        long total = 0;
        for (int i = 1; i <= WINDOW_SECONDS; i++) {
            total += counts[(int) Math.floorMod(currentSecond - i, counts.length)];
        }
        return total / (double) WINDOW_SECONDS;
    }

    private void advance(long second) {
        if (second <= currentSecond) {
            return;
        }
        long steps = currentSecond == Long.MIN_VALUE ? counts.length : Math.min(second - currentSecond, counts.length);
        for (long s = 1; s <= steps; s++) {
            counts[(int) Math.floorMod(second - steps + s, counts.length)] = 0;
        }
        currentSecond = second;
    }
}
