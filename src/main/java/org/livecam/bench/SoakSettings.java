package org.livecam.bench;

import java.net.URI;
import java.time.Duration;

/**
 * One soak run, as the command line gave it: {@code cameras} publish at {@code fps} while
 * {@code viewers} watch; a line every {@code interval}; figures judged from {@code warmup} on.
 * With {@code churn} viewers stay at most {@link #viewerMaxLife} and cameras publish for one to
 * two intervals ({@link #cameraMinLife}) before new ones take their place.
 */
record SoakSettings(
        URI server,
        String token,
        String metricsToken,
        long serverPid,
        Duration duration,
        Duration interval,
        Duration warmup,
        boolean churn,
        int cameras,
        int viewers,
        double fps,
        int width,
        int height,
        int ringFrames,
        float quality) {

    /** Viewers stay one second to this long: short enough that many come and go between two lines. */
    Duration viewerMaxLife() {
        return interval.compareTo(Duration.ofSeconds(20)) < 0 ? interval : Duration.ofSeconds(20);
    }

    Duration cameraMinLife() {
        return interval;
    }

    /** The warm-up given, or a fifth of the run (at least one interval). */
    static Duration defaultWarmup(Duration duration, Duration interval) {
        Duration fifth = duration.dividedBy(5);
        return fifth.compareTo(interval) < 0 ? interval : fifth;
    }
}
