package org.livecam.push;

import java.time.Duration;
import org.livecam.source.Backoff;

/**
 * What the uploader does after each {@link FrameTransport.Outcome}: how long it waits before the
 * next attempt, and whether the frame goes back in the slot to be sent again.
 *
 * <ul>
 * <li>Sent, or refused on its own merits: go on at once; the refused frame is skipped.</li>
 * <li>Server away: capped exponential backoff ({@link Backoff}), reset by the next success.</li>
 * <li>Token refused: every {@code authRetry}, so fixing the token on the server is enough.</li>
 * <li>A frame that never reached a connection is sent again for as long as it is the newest (a
 *     source that went quiet still reaches the returning server). A frame that failed after its
 *     connection was open may be the cause itself (a server that answers an oversized body by
 *     closing), so it gets one more try only, however often it failed to reach one before.</li>
 * </ul>
 * "Sent again" means put back unless a newer frame came meanwhile; the slot decides that.
 * Not thread-safe: one uploader's sender thread owns it.
 */
final class RetryPolicy {
    /** The wait before the next attempt (zero: at once), and whether the frame is to be sent again. */
    record Decision(Duration delay, boolean sendAgain) {
    }

    private static final Decision GO_ON = new Decision(Duration.ZERO, false);

    private final Backoff backoff;
    private final Duration authRetry;
    private byte[] lostOnce;

    RetryPolicy(Backoff backoff, Duration authRetry) {
        this.backoff = backoff;
        this.authRetry = authRetry;
    }

    Decision after(byte[] frame, FrameTransport.Outcome.Kind outcome) {
        return switch (outcome) {
            case SENT -> {
                backoff.reset();
                lostOnce = null;
                yield GO_ON;
            }
            case REFUSED -> GO_ON;
            case UNREACHABLE -> new Decision(backoff.next(), true);
            case LOST -> new Decision(backoff.next(), oneMoreTry(frame));
            case UNAUTHORIZED -> new Decision(authRetry, oneMoreTry(frame));
        };
    }

    private boolean oneMoreTry(byte[] frame) {
        boolean again = frame != lostOnce;
        lostOnce = again ? frame : null;
        return again;
    }
}
