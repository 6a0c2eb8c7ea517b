package org.livecam.http;

import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;

/**
 * One subscription on a {@link FramePump}'s connection (one camera at one size): the newest
 * frame not yet written, its fps cap, and the keep-alive repeat of its last frame (timed by its
 * {@link LoopFanout}, one timer for all the loop's lanes of a feed). {@link #offer} may
 * be called on any thread; everything else runs on the connection's event loop.
 */
final class FrameLane {
    private static final Runnable NOTHING = () -> { };

    private final FramePump pump;
    private final PumpClock clock;
    private final Camera camera;
    private final long minIntervalNanos;
    private Runnable leave = NOTHING; // unsubscribes from the feed
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private Frame lastSent;
    private long lastSentSequence = -1;
    private long lastSentNanos;
    private long lastWriteNanos; // a new frame or a repeat
    private long lastRepeatNanos = Long.MIN_VALUE / 2;
    private Runnable fpsTimer = NOTHING;
    private boolean repeat; // the keep-alive repeat of lastSent is due
    private volatile boolean stopped;
    private AutoWidth auto; // for ?width=auto, else null
    private long lastTakenSequence = -1;

    FrameLane(FramePump pump, PumpClock clock, Camera camera, double maxFps) {
        this.pump = pump;
        this.clock = clock;
        this.camera = camera;
        this.minIntervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
    }

    /** How to leave the feed this lane was subscribed to; run once when the lane stops. */
    void leaveWith(Runnable leaveFeed) {
        this.leave = leaveFeed;
    }

    /** A newer frame, from any thread: kept (newest wins) and the pump woken. */
    void offer(Frame frame) {
        if (!stopped) {
            take(frame);
            pump.wake();
        }
    }

    /** A newer frame, on the loop, from its {@link LoopFanout}, which pumps after offering to all its lanes. */
    void take(Frame frame) {
        if (!stopped) {
            Frame before = pending.getAndAccumulate(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
            if (before != null && before.sequence() < frame.sequence()) {
                camera.counters().frameSkipped(); // the one replaced is never written
            }
            if (auto != null && frame.sequence() > lastTakenSequence) {
                lastTakenSequence = frame.sequence();
                auto.offered(clock.nanoTime(), pump.busyNanos());
            }
        }
    }

    /** Lets {@code width} move this lane between sizes. Event loop only. */
    void autoWidth(AutoWidth width) {
        this.auto = width;
    }

    /**
     * Moves to another feed: {@code join} subscribes this lane there and says how to leave it;
     * then the old feed is left. A frame still waiting from the old feed is dropped. Event loop only.
     */
    void refeed(java.util.function.Supplier<Runnable> join) {
        pending.set(null);
        Runnable old = leave;
        leave = join.get();
        old.run();
    }

    /** Writes what the connection can take now. Event loop only. */
    void pump() {
        pump.pump();
    }

    /** Its camera was removed: the pump drops this lane and tells its owner. Event loop only. */
    void ended() {
        if (!stopped) {
            pump.ended(this, camera);
        }
    }

    /** True when a frame may go now; otherwise arms the fps timer if that is the reason. */
    boolean ready() {
        Frame frame = pending.get();
        if (frame != null && frame.sequence() <= lastSentSequence) {
            pending.compareAndSet(frame, null);
            frame = null;
        }
        if (frame == null || fpsTimer != NOTHING) {
            return frame == null && repeat;
        }
        long wait = lastSentNanos + minIntervalNanos - clock.nanoTime();
        if (lastSentSequence >= 0 && wait > 0) {
            fpsTimer = clock.schedule(Math.max(1, wait / 1_000_000), () -> {
                fpsTimer = NOTHING;
                pump.pump();
            });
            return false;
        }
        return true;
    }

    /** Writes the newest frame, or the keep-alive repeat of the last one when one is due. */
    void write(FramePump.Transport transport) {
        Frame frame = pending.getAndSet(null);
        if (frame == null || frame.sequence() <= lastSentSequence) {
            if (repeat) {
                repeat = false;
                lastWriteNanos = clock.nanoTime();
                lastRepeatNanos = lastWriteNanos;
                transport.write(lastSent); // not counted: a repeat is no new frame out
            }
            return;
        }
        lastSent = frame;
        lastSentSequence = frame.sequence();
        lastSentNanos = clock.nanoTime();
        lastWriteNanos = lastSentNanos;
        lastRepeatNanos = Long.MIN_VALUE / 2; // a new frame may be repeated a second after it
        repeat = false;
        transport.write(frame);
        camera.countSent(frame);
        if (auto != null) {
            auto.written();
        }
    }

    /**
     * Asked by its {@link LoopFanout} once the feed has been quiet long enough: marks the last
     * frame for a repeat (written when the connection has room; a newer frame replaces it) if this
     * lane repeats idle frames and has written nothing for a second (or its fps cap's interval, if
     * longer), and its last repeat of this frame is at least {@code feedIntervalNanos} (the
     * camera's own pace) ago.
     * Returns how long until it could be due again; event loop only.
     */
    long repeatIfIdle(long nowNanos, long feedIntervalNanos) {
        if (stopped || !pump.repeatsWhenIdle() || lastSent == null) {
            return Long.MAX_VALUE;
        }
        long quiet = Math.max(FramePump.IDLE_RESEND_MILLIS * 1_000_000, minIntervalNanos);
        long wait = Math.max(lastWriteNanos + quiet, lastRepeatNanos + Math.max(quiet, feedIntervalNanos)) - nowNanos;
        if (repeat || wait > 0) {
            return repeat ? quiet : wait;
        }
        repeat = true;
        pump.pump();
        return quiet;
    }

    Camera camera() {
        return camera;
    }

    void stop() {
        stopped = true;
        fpsTimer.run();
        fpsTimer = NOTHING;
        pending.set(null);
        leave.run();
        leave = NOTHING;
    }
}
