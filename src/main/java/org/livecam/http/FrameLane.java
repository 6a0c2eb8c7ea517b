package org.livecam.http;

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
    private static final Runnable NO_TIMER = () -> { };

    private final FramePump pump;
    private final PumpClock clock;
    private final Camera camera;
    private final long minIntervalNanos;
    private final FrameFeed feed;
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private Frame lastSent;
    private long lastSentSequence = -1;
    private long lastSentNanos;
    private long lastWriteNanos; // a new frame or a repeat
    private Runnable fpsTimer = NO_TIMER;
    private Runnable idleTimer = NO_TIMER;
    private boolean repeat; // the idle repeat of lastSent is due
    private volatile boolean stopped;

    FrameLane(FramePump pump, PumpClock clock, Camera camera, double maxFps, FrameFeed feed) {
        this.pump = pump;
        this.clock = clock;
        this.camera = camera;
        this.minIntervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
        this.feed = feed;
    }

    @Override
    public void offer(Frame frame) {
        if (stopped) {
            return;
        }
        Frame before = pending.getAndAccumulate(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
        if (before != null && before.sequence() != frame.sequence()) {
            camera.counters().frameSkipped(); // one of the two is never written
        }
        pump.wake();
    }

    /** True when a frame may go now; otherwise arms the fps timer if that is the reason. */
    boolean ready() {
        Frame frame = pending.get();
        if (frame != null && frame.sequence() <= lastSentSequence) {
            pending.compareAndSet(frame, null);
            frame = null;
        }
        if (frame == null || fpsTimer != NO_TIMER) {
            return frame == null && repeat;
        }
        long wait = lastSentNanos + minIntervalNanos - clock.nanoTime();
        if (lastSentSequence >= 0 && wait > 0) {
            fpsTimer = clock.schedule(Math.max(1, wait / 1_000_000), () -> {
                fpsTimer = NO_TIMER;
                pump.pump();
            });
            return false;
        }
        return true;
    }

    /**
     * Writes the newest frame, or the idle repeat of the last one. With {@code repeatWhenIdle},
     * a lane that wrote nothing for {@link #idleRepeatNanos} offers its last frame again, and
     * again after each such quiet interval, for as long as its camera stays still.
     */
    void write(FramePump.Transport transport, boolean repeatWhenIdle) {
        Frame frame = pending.getAndSet(null);
        if (frame == null || frame.sequence() <= lastSentSequence) {
            if (repeat) {
                repeat = false;
                lastWriteNanos = clock.nanoTime();
                transport.write(lastSent); // not counted: a repeat is no new frame out
                armIdleCheck(idleRepeatNanos() / 1_000_000);
            }
            return;
        }
        lastSent = frame;
        lastSentSequence = frame.sequence();
        lastSentNanos = clock.nanoTime();
        lastWriteNanos = lastSentNanos;
        repeat = false;
        transport.write(frame);
        camera.countSent(frame);
        if (repeatWhenIdle) {
            armIdleCheck(idleRepeatNanos() / 1_000_000);
        }
    }

    /** Quiet this long, the last frame goes again: a second, or the viewer's fps cap if slower. */
    private long idleRepeatNanos() {
        return Math.max(FramePump.IDLE_RESEND_MILLIS * 1_000_000, minIntervalNanos);
    }

    /** One timer at a time, re-armed for the rest of the idle time, not one per frame. */
    private void armIdleCheck(long delayMillis) {
        if (idleTimer == NO_TIMER && !stopped) {
            idleTimer = clock.schedule(Math.max(1, delayMillis), () -> {
                idleTimer = NO_TIMER;
                repeatIfIdle();
            });
        }
    }

    private void repeatIfIdle() {
        if (stopped || repeat || lastSent == null) {
            return;
        }
        long idleNanos = clock.nanoTime() - lastWriteNanos;
        if (idleNanos < idleRepeatNanos()) {
            armIdleCheck((idleRepeatNanos() - idleNanos) / 1_000_000);
            return;
        }
        repeat = true; // written when the connection has room; a newer frame replaces it
        pump.pump();
    }

    Camera camera() {
        return camera;
    }

    void stop() {
        stopped = true;
        fpsTimer.run();
        idleTimer.run();
        fpsTimer = NO_TIMER;
        idleTimer = NO_TIMER;
        pending.set(null);
        if (feed != null) {
            feed.unsubscribe(this);
        }
    }
}
