package org.livecam.http;

import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;
import org.livecam.variant.FrameFeed;

/**
 * One subscription on a {@link FramePump}'s connection (one camera at one size): the newest
 * frame not yet written, its fps cap, and the idle repeat of its last frame. {@link #offer} may
 * be called on any thread; everything else runs on the connection's event loop.
 */
final class FrameLane implements Viewer {
    private final FramePump pump;
    private final Context context;
    private final Camera camera;
    private final long minIntervalNanos;
    private final FrameFeed feed;
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private Frame lastSent;
    private long lastSentSequence = -1;
    private long lastSentNanos;
    private long timer = -1;
    private long idleTimer = -1;
    private boolean repeat; // the idle repeat of lastSent is due
    private boolean repeated; // the idle repeat of lastSent was offered
    private volatile boolean stopped;

    FrameLane(FramePump pump, Context context, Camera camera, double maxFps, FrameFeed feed) {
        this.pump = pump;
        this.context = context;
        this.camera = camera;
        this.minIntervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
        this.feed = feed;
    }

    @Override
    public void offer(Frame frame) {
        if (stopped) {
            return;
        }
        pending.accumulateAndGet(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
        pump.wake();
    }

    /** True when a frame may go now; otherwise arms the fps timer if that is the reason. */
    boolean ready() {
        Frame frame = pending.get();
        if (frame != null && frame.sequence() <= lastSentSequence) {
            pending.compareAndSet(frame, null);
            frame = null;
        }
        if (frame == null || timer != -1) {
            return frame == null && repeat;
        }
        long wait = lastSentNanos + minIntervalNanos - System.nanoTime();
        if (lastSentSequence >= 0 && wait > 0) {
            timer = context.owner().setTimer(Math.max(1, wait / 1_000_000), id -> {
                timer = -1;
                pump.pump();
            });
            return false;
        }
        return true;
    }

    /**
     * Writes the newest frame, or the idle repeat of the last one. With {@code repeatWhenIdle},
     * a lane quiet for {@link FramePump#IDLE_RESEND_MILLIS} after a frame offers it once more.
     */
    void write(FramePump.Transport transport, boolean repeatWhenIdle) {
        Frame frame = pending.getAndSet(null);
        if (frame == null || frame.sequence() <= lastSentSequence) {
            if (repeat) {
                repeat = false;
                transport.write(lastSent); // not counted: a repeat is no new frame out
            }
            return;
        }
        lastSent = frame;
        lastSentSequence = frame.sequence();
        lastSentNanos = System.nanoTime();
        repeat = false;
        repeated = false;
        transport.write(frame);
        camera.countSent();
        if (repeatWhenIdle) {
            armIdleCheck(FramePump.IDLE_RESEND_MILLIS);
        }
    }

    /** One timer at a time, re-armed for the rest of the idle time, not one per frame. */
    private void armIdleCheck(long delayMillis) {
        if (idleTimer == -1 && !stopped) {
            idleTimer = context.owner().setTimer(Math.max(1, delayMillis), id -> {
                idleTimer = -1;
                repeatIfIdle();
            });
        }
    }

    private void repeatIfIdle() {
        if (stopped || repeated || lastSent == null) {
            return;
        }
        long idleMillis = (System.nanoTime() - lastSentNanos) / 1_000_000;
        if (idleMillis < FramePump.IDLE_RESEND_MILLIS) {
            armIdleCheck(FramePump.IDLE_RESEND_MILLIS - idleMillis);
            return;
        }
        repeat = true;
        repeated = true;
        pump.pump();
    }

    void stop() {
        stopped = true;
        for (long id : new long[] {timer, idleTimer}) {
            if (id != -1) {
                context.owner().cancelTimer(id);
            }
        }
        timer = -1;
        idleTimer = -1;
        pending.set(null);
        if (feed != null) {
            feed.unsubscribe(this);
        }
    }
}
