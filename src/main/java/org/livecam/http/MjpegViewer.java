package org.livecam.http;

import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import org.livecam.frame.Frame;

/**
 * One MJPEG connection: each frame goes out as one multipart part, in one write. Latest frame
 * wins through {@link FramePump}, so at most one frame is in flight and a stalled viewer costs
 * one frame of memory. Event loop only.
 *
 * <p>Chrome draws a part only when the headers of the part after it arrive (the boundary alone
 * is not enough, measured with headless Chromium 156), so the last frame of a run would stay
 * undrawn until another frame came. As µStreamer does, a viewer that has been sent nothing for
 * {@link #IDLE_RESEND_MILLIS} gets its last frame once more; cameras faster than 1 fps never
 * pay for it.
 */
final class MjpegViewer implements FramePump.Output {
    static final long IDLE_RESEND_MILLIS = 1000;
    private static final long IDLE_RESEND_NANOS = IDLE_RESEND_MILLIS * 1_000_000;

    private final Context context;
    private final HttpServerResponse response;
    private final Channel channel;
    private Frame lastSent;
    private long lastSentNanos;
    private boolean resent;
    private long idleTimer = -1;
    private boolean closed;

    MjpegViewer(Context context, HttpServerResponse response, Channel channel) {
        this.context = context;
        this.response = response;
        this.channel = channel;
    }

    @Override
    public boolean writeQueueFull() {
        return closed || response.writeQueueFull();
    }

    @Override
    public void slowViewer() {
        SlowViewerBuffers.shrink(channel);
    }

    @Override
    public void write(FramePump.Lane lane, Frame frame) {
        response.write(MjpegParts.part(frame));
        lastSent = frame;
        lastSentNanos = System.nanoTime();
        resent = false;
        armIdleCheck(IDLE_RESEND_MILLIS);
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

    /** Sends the last frame again once, so that Chrome draws it. */
    private void resendIfIdle() {
        if (closed || resent || lastSent == null) {
            return;
        }
        long idleNanos = System.nanoTime() - lastSentNanos;
        if (idleNanos < IDLE_RESEND_NANOS) {
            armIdleCheck((IDLE_RESEND_NANOS - idleNanos) / 1_000_000);
            return;
        }
        if (response.writeQueueFull()) {
            armIdleCheck(IDLE_RESEND_MILLIS); // the frame still in flight will be followed by the drain
            return;
        }
        response.write(MjpegParts.part(lastSent));
        resent = true;
    }

    /** The connection is gone. */
    void close() {
        closed = true;
        if (idleTimer != -1) {
            context.owner().cancelTimer(idleTimer);
            idleTimer = -1;
        }
        lastSent = null;
    }
}
