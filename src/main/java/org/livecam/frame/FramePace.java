package org.livecam.frame;

import java.time.Duration;

/**
 * How often a camera's frames come, and so how long a silence means the camera stopped: three
 * of its usual intervals, at least a second (a camera sending one frame a second jitters), at
 * most the server's limit. Before it knows the pace (one live frame so far) only the limit
 * counts. Thread-safe; {@link #mark} is cheap enough to call once per frame.
 */
final class FramePace {
    static final Duration SHORTEST_SILENCE = Duration.ofSeconds(1);
    static final int MISSED_INTERVALS = 3;
    // A recent interval weighs this much in the mean: a changed pace shows within a few frames.
    private static final double WEIGHT = 0.25;

    private long lastMillis = -1;
    private double meanIntervalMillis = -1;

    synchronized void mark(long nowMillis) {
        if (lastMillis >= 0) {
            // A long pause raises the mean for a few frames; the limit caps what that can do.
            double interval = Math.max(0, nowMillis - lastMillis);
            meanIntervalMillis = meanIntervalMillis < 0 ? interval : meanIntervalMillis + WEIGHT * (interval - meanIntervalMillis);
        }
        lastMillis = nowMillis;
    }

    /** The silence after which the camera counts as stopped, never longer than {@code staleAfter}. */
    synchronized Duration silenceLimit(Duration staleAfter) {
        if (meanIntervalMillis < 0) {
            return staleAfter;
        }
        long usual = Math.max(SHORTEST_SILENCE.toMillis(), Math.round(MISSED_INTERVALS * meanIntervalMillis));
        return usual < staleAfter.toMillis() ? Duration.ofMillis(usual) : staleAfter;
    }
}
