package org.livecam.http;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;
import org.livecam.variant.FrameFeed;

/**
 * Latest-frame-wins sending over one connection, shared by every push output (MJPEG, the
 * WebSocket of one camera, the WebSocket of many).
 *
 * <p>Each {@link Lane} is one subscription (one camera at one size) and keeps only its newest
 * frame: {@link Lane#offer} may be called on any thread and only replaces that frame. The
 * connection's event loop writes while the socket has room ({@code writeQueueFull()} in strict
 * thread mode is the channel's writability, in bytes) and resumes from the drain handler. Lanes
 * take turns round-robin, so on a socket shared by several cameras a busy camera cannot starve
 * a quiet one: each gets one frame per turn. A stalled connection costs one frame per lane.
 */
final class FramePump {
    /** Where frames go. Called on the connection's event loop only. */
    interface Output {
        boolean writeQueueFull();

        /** Writes one frame (with whatever header the protocol puts around it). */
        void write(Lane lane, Frame frame);

        /** The viewer has stayed unwritable with frames waiting: shrink what can hold old frames. */
        default void slowViewer() {
        }
    }

    private final Context context;
    private final Output output;
    private final List<Lane> lanes = new ArrayList<>(); // event loop only
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private int turn;
    private boolean closed;
    private long blockedSinceNanos = -1;
    private boolean slow;

    FramePump(Context context, Output output) {
        this.context = context;
        this.output = output;
    }

    /** A new subscription; the caller subscribes it to a camera or variant. Event loop only. */
    Lane open(Camera camera, double maxFps) {
        Lane lane = new Lane(camera, maxFps);
        lanes.add(lane);
        return lane;
    }

    /**
     * Opens a lane and subscribes it to {@code feed} (a camera or one of its variants); the
     * returned action closes the lane and unsubscribes it. Event loop only.
     */
    Runnable watch(Camera camera, double maxFps, FrameFeed feed) {
        Lane lane = open(camera, maxFps);
        feed.subscribe(lane);
        return () -> {
            close(lane);
            feed.unsubscribe(lane);
        };
    }

    /** Stops a lane; its pending frame is dropped. Event loop only. */
    void close(Lane lane) {
        lane.stop();
        lanes.remove(lane);
    }

    /** The connection is gone; callers still unsubscribe their lanes. Event loop only. */
    void closeAll() {
        closed = true;
        new ArrayList<>(lanes).forEach(this::close);
    }

    /** Writes ready frames, lanes taking turns, while the socket has room. Event loop only. */
    void pump() {
        while (!closed) {
            if (output.writeQueueFull()) {
                noteBlocked();
                return; // the drain handler calls again
            }
            blockedSinceNanos = -1;
            Lane lane = nextReady();
            if (lane == null) {
                return; // the next offer, a lane's fps timer or the drain handler calls again
            }
            Frame frame = lane.pending.getAndSet(null);
            lane.lastSentSequence = frame.sequence();
            lane.lastSentNanos = System.nanoTime();
            output.write(lane, frame);
            lane.camera.countSent();
        }
    }

    /** Called with a frame on its way and no room for it; tells the output once it is slow. */
    private void noteBlocked() {
        long now = System.nanoTime();
        if (blockedSinceNanos < 0) {
            blockedSinceNanos = now;
        } else if (!slow && now - blockedSinceNanos > SlowViewerBuffers.SLOW_AFTER_NANOS) {
            slow = true;
            output.slowViewer();
        }
    }

    private Lane nextReady() {
        int count = lanes.size();
        for (int i = 0; i < count; i++) {
            Lane lane = lanes.get((turn + i) % count);
            if (lane.ready()) {
                turn = (turn + i + 1) % count;
                return lane;
            }
        }
        return null;
    }

    private void wake() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }

    /** One subscription on this connection: the newest frame not yet written, and its fps cap. */
    final class Lane implements Viewer {
        private final Camera camera;
        private final long minIntervalNanos;
        private final AtomicReference<Frame> pending = new AtomicReference<>();
        private long lastSentSequence = -1;
        private long lastSentNanos;
        private long timer = -1;
        private volatile boolean stopped;

        private Lane(Camera camera, double maxFps) {
            this.camera = camera;
            this.minIntervalNanos = maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0;
        }

        @Override
        public void offer(Frame frame) {
            if (stopped) {
                return;
            }
            pending.accumulateAndGet(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
            wake();
        }

        /** True when a new frame may go now; otherwise arms the fps timer if that is the reason. */
        private boolean ready() {
            Frame frame = pending.get();
            if (frame == null || timer != -1) {
                return false;
            }
            if (frame.sequence() <= lastSentSequence) {
                pending.compareAndSet(frame, null);
                return false;
            }
            long wait = lastSentNanos + minIntervalNanos - System.nanoTime();
            if (lastSentSequence >= 0 && wait > 0) {
                timer = context.owner().setTimer(Math.max(1, wait / 1_000_000), id -> {
                    timer = -1;
                    pump();
                });
                return false;
            }
            return true;
        }

        private void stop() {
            stopped = true;
            if (timer != -1) {
                context.owner().cancelTimer(timer);
                timer = -1;
            }
            pending.set(null);
        }
    }
}
