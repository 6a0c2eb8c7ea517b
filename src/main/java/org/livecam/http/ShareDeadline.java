package org.livecam.http;

import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.livecam.access.Gatekeeper;

/**
 * When a viewing stream that only a share link let in must end: once the link no longer opens
 * its camera, because it expired or {@code livecam share --revoke-all} revoked it
 * ({@link Gatekeeper#shareEnd}). Made at admission ({@link ViewerAuth#shareOnly}); a stream arms
 * one check a second when it starts and cancels it when it closes, instead of checking the link
 * at every frame. Event loop of the stream.
 *
 * @param camera the camera the link opens
 * @param end    why the link no longer opens it ("expired", "revoked"), or null while it does;
 *               cheap, asked on the stream's event loop only
 */
record ShareDeadline(String camera, Supplier<String> end) {
    /** How often a stream asks; a link expires to the second, and a replaced key is read within one. */
    static final long CHECK_EVERY_MILLIS = 1000;

    /** What {@link #arm} returns for no link to watch. */
    static final Runnable UNARMED = () -> { };

    /**
     * Runs {@code ended} on the calling context, with why ("share link expired", "share link
     * revoked"), once the link no longer opens the camera; returns what stops the checks, from
     * any thread (a stream may end on a bare event-loop task, outside any Vert.x context).
     */
    Runnable arm(Consumer<String> ended) {
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setPeriodic(CHECK_EVERY_MILLIS, id -> {
            String why = end.get();
            if (why != null) {
                vertx.cancelTimer(id);
                ended.accept("share link " + why);
            }
        });
        return () -> vertx.cancelTimer(timer);
    }

    /** {@link #arm} for a stream that only {@code shared} let in; {@link #UNARMED} when {@code shared} is null. */
    static Runnable arm(ShareDeadline shared, Consumer<String> ended) {
        return shared == null ? UNARMED : shared.arm(ended);
    }
}
