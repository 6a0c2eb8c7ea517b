package org.livecam.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.variant.FrameFeed;
import org.livecam.variant.Variants;

/**
 * Latest-frame-wins sending over one connection, and the one owner of back-pressure for every
 * streaming output (MJPEG, the WebSocket of one camera, the WebSocket of many). Set one up with
 * {@link ViewerConnection}; transports only frame bytes.
 *
 * <p>Each {@link FrameLane} is one subscription (one camera at one size) and keeps only its newest
 * frame. Lanes are fed by their event loop's {@link LoopFanout} of the feed, which hands a new
 * frame to all of the loop's lanes in one task and pumps them. The connection's event loop
 * writes while the connection is writable and resumes when it says it has room again. Lanes
 * take turns round-robin, so on a socket shared by several cameras a busy camera cannot starve
 * a quiet one: each gets one frame per turn. A stalled connection costs one frame per lane.
 *
 * <p>On native epoll the kernel holds at most a few KB unsent per viewer ({@link ViewerConnection}),
 * which keeps old frames out of its buffers without capping anyone's throughput. On NIO, a
 * connection that stays unwritable for {@link #SLOW_AFTER_NANOS} with frames waiting is a
 * slow viewer and gets small buffers, until it keeps up again for {@link #KEPT_UP_NANOS}:
 * whatever sits in a connection's buffers is older than the newest frame, and for a viewer reading 200 KB/s a 64 KB send buffer (128 KB once
 * Linux doubles it) plus a 64 KB write queue is over a second of old frames. Small buffers for
 * every connection would cost fast viewers a syscall per few KB (measured: 200 fast viewers
 * fell to 86 % of full rate with 16 KB). A small buffer caps throughput at buffer/RTT (32 KB at
 * 100 ms is 320 KB/s), above what such a viewer was reading anyway.
 */
final class FramePump {
    /** Unwritable this long with a frame waiting: the viewer is slow, not just busy for a moment. */
    static final long SLOW_AFTER_NANOS = 200_000_000L;
    /** Slow no longer once no wait was that long for this long: the viewer keeps up again and gets its buffers back. */
    static final long KEPT_UP_NANOS = 1_000_000_000L;
    /** The send buffer (doubled by Linux) and the write-queue limit given to a slow viewer. */
    static final int SLOW_BUFFER_BYTES = 16 * 1024;
    /** Quiet this long (and no frame due), a lane that repeats idle frames sends its last one again. */
    static final long IDLE_RESEND_MILLIS = 1000;

    /** The connection under the pump, as far as back-pressure goes. Event loop only. */
    interface Connection {
        /** Open, with room for more bytes. */
        boolean writable();

        /** Caps what the connection's buffers can hold (send buffer and write queue) at {@code bytes}. */
        void limitBuffers(int bytes);

        /** Gives back the buffers {@link #limitBuffers} took, if it took any. */
        void restoreBuffers();

        /** The pump is done with the connection. */
        void close();

        /** A lane of {@code camera} opened ({@code true}) or closed on this connection: who watches what, for the counts. */
        default void watching(Camera camera, boolean started) {
        }
    }

    /** Frames bytes in a protocol (a multipart part, WebSocket messages). Event loop only. */
    interface Transport {
        void write(Frame frame);
    }

    private final LoopFanouts loop;
    private final PumpClock clock;
    private final Connection connection;
    private final Transport transport;
    private final boolean repeatWhenIdle;
    private final List<FrameLane> lanes = new ArrayList<>(); // event loop only
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private int turn;
    private boolean closed;
    private long blockedSinceNanos = -1;
    private long lastLongWaitNanos; // when a wait for room last passed SLOW_AFTER_NANOS
    private long busyNanos; // time spent unwritable with frames waiting, in finished waits
    private boolean slow;
    private Consumer<Camera> onEnded = camera -> { };

    /**
     * {@code repeatWhenIdle}: a lane whose feed has been quiet offers its last frame again (see
     * {@link LoopFanout} for when). Chrome draws an MJPEG part only when the headers of the part
     * after it arrive (measured with headless Chromium 156), so without it the last frame of a run
     * stays undrawn; and ffmpeg asked for N frames of a still camera would wait forever. µStreamer
     * does the same. A repeat waits for room like any frame.
     */
    FramePump(LoopFanouts loop, Connection connection, Transport transport, boolean repeatWhenIdle) {
        this.loop = loop;
        this.clock = loop.clock();
        this.connection = connection;
        this.transport = transport;
        this.repeatWhenIdle = repeatWhenIdle;
    }

    /** A new lane without a feed; the caller offers it frames. Event loop only. */
    FrameLane open(Camera camera, double maxFps) {
        return newLane(camera, maxFps);
    }

    /**
     * Opens a lane and subscribes it to {@code feed} (a camera or one of its variants) through
     * this event loop's {@link LoopFanout} of that feed; the returned action closes the lane and
     * unsubscribes it. Event loop only.
     */
    Runnable watch(Camera camera, double maxFps, FrameFeed feed) {
        FrameLane lane = newLane(camera, maxFps);
        lane.leaveWith(loop.join(feed, lane));
        return () -> close(lane);
    }

    /**
     * Opens a lane for {@code ?width=auto}: it starts on the camera at its own size and moves
     * between the variant widths as its delivery says ({@link AutoWidth}); the returned action
     * closes it. Event loop only.
     */
    Runnable watchAuto(Camera camera, double maxFps, Variants variants) {
        FrameLane lane = newLane(camera, maxFps);
        AutoWidth auto = new AutoWidth(camera, variants, loop, maxFps > 0 ? (long) (1_000_000_000L / maxFps) : 0);
        lane.autoWidth(auto);
        auto.start(lane);
        return () -> close(lane);
    }

    private FrameLane newLane(Camera camera, double maxFps) {
        FrameLane lane = new FrameLane(this, clock, camera, maxFps);
        lanes.add(lane);
        connection.watching(camera, true);
        return lane;
    }

    /**
     * What the connection does when a watched camera is removed (after its lane is closed): a
     * one-camera stream ends, a socket of many cameras says so. Event loop only.
     */
    void onEnded(Consumer<Camera> handler) {
        onEnded = handler;
    }

    /** A lane's camera was removed. Event loop only. */
    void ended(FrameLane lane, Camera camera) {
        if (!closed && lanes.contains(lane)) {
            close(lane);
            onEnded.accept(camera);
        }
    }

    /** True for a connection whose idle lanes repeat their last frame (MJPEG). */
    boolean repeatsWhenIdle() {
        return repeatWhenIdle;
    }

    /** Stops a lane and unsubscribes it; its pending frame is dropped. Event loop only. */
    void close(FrameLane lane) {
        if (lanes.remove(lane)) {
            lane.stop();
            connection.watching(lane.camera(), false);
        }
    }

    /** The connection is gone: every lane stops and leaves its feed. Event loop only. */
    void close() {
        if (!closed) {
            closed = true;
            new ArrayList<>(lanes).forEach(this::close);
            connection.close();
        }
    }

    /** Writes ready frames, lanes taking turns, while the connection has room. Event loop only. */
    void pump() {
        while (!closed) {
            if (!connection.writable()) {
                noteBlocked();
                return; // the connection's wake-up calls again
            }
            noteWritable();
            FrameLane lane = nextReady();
            if (lane == null) {
                return; // the next offer, a lane's timer or the connection's wake-up calls again
            }
            lane.write(transport);
        }
    }

    /** Called with no room; gives the connection small buffers once it has stayed so. */
    private void noteBlocked() {
        long now = clock.nanoTime();
        if (blockedSinceNanos < 0) {
            blockedSinceNanos = now;
        } else if (now - blockedSinceNanos > SLOW_AFTER_NANOS) {
            lastLongWaitNanos = now;
            if (!slow) {
                slow = true;
                connection.limitBuffers(SLOW_BUFFER_BYTES);
            }
        }
    }

    /**
     * Called with room; a slow viewer whose waits for room all stayed short for {@link #KEPT_UP_NANOS}
     * keeps up again (a stall, a busy phone, a background tab) and gets its buffers back, so one
     * hiccup does not throttle it for the rest of its session.
     */
    private void noteWritable() {
        if (blockedSinceNanos >= 0 || slow) {
            long now = clock.nanoTime();
            if (blockedSinceNanos >= 0) {
                busyNanos += now - blockedSinceNanos;
                if (now - blockedSinceNanos > SLOW_AFTER_NANOS) {
                    lastLongWaitNanos = now;
                }
            }
            blockedSinceNanos = -1;
            if (slow && now - lastLongWaitNanos >= KEPT_UP_NANOS) {
                slow = false;
                connection.restoreBuffers();
            }
        }
    }

    /** Time this connection has spent unwritable with frames waiting, the wait under way included. */
    long busyNanos() {
        return blockedSinceNanos < 0 ? busyNanos : busyNanos + clock.nanoTime() - blockedSinceNanos;
    }

    private FrameLane nextReady() {
        int count = lanes.size();
        for (int i = 0; i < count; i++) {
            FrameLane lane = lanes.get((turn + i) % count);
            if (lane.ready()) {
                turn = (turn + i + 1) % count;
                return lane;
            }
        }
        return null;
    }

    /** Pumps soon, on the loop. Any thread; only lanes offered frames one by one need it. */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(() -> {
                scheduled.set(false);
                pump();
            });
        }
    }
}
