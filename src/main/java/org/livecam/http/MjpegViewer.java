package org.livecam.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;

/**
 * One MJPEG connection. Latest frame wins: {@link #offer} (any thread) only replaces the
 * pending frame; the connection's event loop writes it when the socket has room again
 * ({@code writeQueueFull} and the drain handler, in strict thread mode), so at most one frame
 * is in flight and a stalled viewer costs one frame of memory.
 *
 * <p>Chrome draws a part only when the headers of the part after it arrive (the boundary alone
 * is not enough, measured with headless Chromium 156), so the last frame of a run would stay
 * undrawn until another frame came. As µStreamer does, a viewer that has been sent nothing for
 * {@link #IDLE_RESEND_MILLIS} gets its last frame once more; cameras faster than 1 fps never
 * pay for it.
 */
final class MjpegViewer implements Viewer {
    static final long IDLE_RESEND_MILLIS = 1000;
    private static final long IDLE_RESEND_NANOS = IDLE_RESEND_MILLIS * 1_000_000;

    private final Context context;
    private final HttpServerResponse response;
    private final Camera camera;
    private final long minIntervalNanos;
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private long lastSentSequence = -1;
    private long lastSentNanos;
    private long timer = -1;
    private Frame lastSent;
    private boolean resent;
    private long idleTimer = -1;
    private boolean closed;

    MjpegViewer(Context context, HttpServerResponse response, Camera camera, double maxFps) {
        this.context = context;
        this.response = response;
        this.camera = camera;
        this.minIntervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
    }

    @Override
    public void offer(Frame frame) {
        pending.accumulateAndGet(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }

    /** Writes the pending frame if the socket can take it. Event loop only. */
    void pump() {
        if (closed || timer != -1 || response.writeQueueFull()) {
            return; // the drain handler or the timer calls again
        }
        Frame frame = pending.getAndSet(null);
        if (frame == null || frame.sequence() <= lastSentSequence) {
            return;
        }
        long wait = lastSentNanos + minIntervalNanos - System.nanoTime();
        if (lastSentSequence >= 0 && wait > 0) {
            pending.compareAndSet(null, frame);
            timer = context.owner().setTimer(Math.max(1, wait / 1_000_000), id -> {
                timer = -1;
                pump();
            });
            return;
        }
        write(frame);
        lastSent = frame;
        resent = false;
        lastSentSequence = frame.sequence();
        lastSentNanos = System.nanoTime();
        camera.countSent();
        armIdleCheck(IDLE_RESEND_MILLIS);
    }

    private void write(Frame frame) {
        response.write(MjpegParts.header(frame));
        response.write(frame.buffer());
        response.write(MjpegParts.CLOSING);
    }

    /** One timer at a time, re-armed for the rest of the idle time, not one per frame. */
    private void armIdleCheck(long delayMillis) {
        if (idleTimer == -1 && !closed) {
            idleTimer = context.owner().setTimer(Math.max(1, delayMillis), id -> {
                idleTimer = -1;
                resendIfIdle();
            });
        }
    }

    /** Sends the last frame again once, so that Chrome draws it. Event loop only. */
    private void resendIfIdle() {
        if (closed || resent || lastSent == null) {
            return;
        }
        long idleNanos = System.nanoTime() - lastSentNanos;
        if (idleNanos < IDLE_RESEND_NANOS) {
            armIdleCheck((IDLE_RESEND_NANOS - idleNanos) / 1_000_000);
            return;
        }
        if (response.writeQueueFull() || pending.get() != null) {
            armIdleCheck(IDLE_RESEND_MILLIS); // a newer frame or the drain comes first
            return;
        }
        write(lastSent);
        resent = true;
    }

    /** The connection is gone. Event loop only. */
    void close() {
        closed = true;
        if (timer != -1) {
            context.owner().cancelTimer(timer);
        }
        if (idleTimer != -1) {
            context.owner().cancelTimer(idleTimer);
        }
        pending.set(null);
        lastSent = null;
    }
}
