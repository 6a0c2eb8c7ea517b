package org.livecam.http;

import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.livecam.access.Gatekeeper;

/**
 * When a viewing stream of a camera that is not public must end because what let its caller in
 * no longer does: a share link that expired or that {@code livecam share --revoke-all} revoked
 * ({@link Gatekeeper#shareEnd}), or a user that {@code livecam users remove} removed
 * ({@link Gatekeeper#userEnd}). Made at admission ({@link ViewerAuth#deadline}); a stream arms
 * one check a second when it starts and cancels it when it closes, instead of checking at every
 * frame. Event loop of the stream.
 *
 * @param camera the camera watched
 * @param end    why the caller may no longer watch it ("share link expired", "share link
 *               revoked", "user removed"), or null while they may; cheap, asked on the stream's
 *               event loop only
 */
record AccessDeadline(String camera, Supplier<String> end) {
    /** How often a stream asks; a link expires to the second, and a changed key or users file is read within one. */
    static final long CHECK_EVERY_MILLIS = 1000;

    /** What {@link #arm} returns for nothing to watch. */
    static final Runnable UNARMED = () -> { };

    /**
     * Runs {@code ended} on the calling context, with why, once the caller may no longer watch;
     * returns what stops the checks, from any thread (a stream may end on a bare event-loop task,
     * outside any Vert.x context).
     */
    Runnable arm(Consumer<String> ended) {
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setPeriodic(CHECK_EVERY_MILLIS, id -> {
            String why = end.get();
            if (why != null) {
                vertx.cancelTimer(id);
                ended.accept(why);
            }
        });
        return () -> vertx.cancelTimer(timer);
    }

    /** {@link #arm} for a stream that {@code deadline} may end; {@link #UNARMED} when it is null. */
    static Runnable arm(AccessDeadline deadline, Consumer<String> ended) {
        return deadline == null ? UNARMED : deadline.arm(ended);
    }
}
