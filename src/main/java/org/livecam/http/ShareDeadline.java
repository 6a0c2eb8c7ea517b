package org.livecam.http;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a viewing stream that only a share link let in must end: the link's expiry, found once
 * at admission ({@link ViewerAuth#shareOnly}). A stream arms one timer for it when it starts and
 * cancels it when it closes, instead of checking the link at every frame. Event loop of the stream.
 *
 * @param camera  the camera the link opens
 * @param expires when the link stops opening it
 * @param clock   the access clock that judged the link ({@code gate.config().clock()})
 */
record ShareDeadline(String camera, Instant expires, Clock clock) {
    /** Runs {@code end} on the calling context once the link has expired; a timer id for {@link #cancel}. */
    long arm(Runnable end) {
        long millis = Math.max(1, Duration.between(clock.instant(), expires).toMillis());
        return Vertx.currentContext().owner().setTimer(millis, id -> end.run());
    }

    /** Cancels a timer {@link #arm} returned ({@code -1}: none); on the context that armed it. */
    static void cancel(long timer) {
        if (timer >= 0) {
            Vertx.currentContext().owner().cancelTimer(timer);
        }
    }
}
