package org.livecam.http;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.variant.FrameFeed;

/**
 * Latest-frame-wins sending over one connection, and the one owner of back-pressure for every
 * streaming output (MJPEG, the WebSocket of one camera, the WebSocket of many). Set one up with
 * {@link ViewerConnection}; transports only frame bytes.
 *
 * <p>Each {@link FrameLane} is one subscription (one camera at one size) and keeps only its newest
 * frame: {@link FrameLane#offer} may be called on any thread and only replaces that frame. The
 * connection's event loop writes while the connection is writable and resumes when it says it
 * has room again. FrameLanes take turns round-robin, so on a socket shared by several cameras a busy
 * camera cannot starve a quiet one: each gets one frame per turn. A stalled connection costs
 * one frame per lane.
 *
 * <p>A connection that stays unwritable for {@link #SLOW_AFTER_NANOS} with frames waiting is a
 * slow viewer, and gets small buffers once: whatever sits in a connection's buffers is older
 * than the newest frame, and for a viewer reading 200 KB/s a 64 KB send buffer (128 KB once
 * Linux doubles it) plus a 64 KB write queue is over a second of old frames. Small buffers for
 * every connection would cost fast viewers a syscall per few KB (measured: 200 fast viewers
 * fell to 86 % of full rate with 16 KB). A small buffer caps throughput at buffer/RTT (32 KB at
 * 100 ms is 320 KB/s), above what such a viewer was reading anyway.
 */
final class FramePump {
    /** Unwritable this long with a frame waiting: the viewer is slow, not just busy for a moment. */
    static final long SLOW_AFTER_NANOS = 200_000_000L;
    /** The send buffer (doubled by Linux) and the write-queue limit given to a slow viewer. */
    static final int SLOW_BUFFER_BYTES = 16 * 1024;
    /** Quiet this long, a lane that repeats idle frames sends its last one again (and again each time). */
    static final long IDLE_RESEND_MILLIS = 1000;

    /** The connection under the pump, as far as back-pressure goes. Event loop only. */
    interface Connection {
        /** Open, with room for more bytes. */
        boolean writable();

        /** Caps what the connection's buffers can hold (send buffer and write queue) at {@code bytes}. */
        void limitBuffers(int bytes);

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

    private final Context context;
    private final PumpClock clock;
    private final Connection connection;
    private final Transport transport;
    private final boolean repeatWhenIdle;
    private final List<FrameLane> lanes = new ArrayList<>(); // event loop only
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private int turn;
    private boolean closed;
    private long blockedSinceNanos = -1;
    private boolean slow;

    FramePump(Context context, Connection connection, Transport transport, boolean repeatWhenIdle) {
        this(context, PumpClock.of(context.owner()), connection, transport, repeatWhenIdle);
    }

    /**
     * {@code repeatWhenIdle}: a lane that wrote nothing for {@link #IDLE_RESEND_MILLIS} (or its
     * fps cap's interval, if longer) offers its last frame again, every such interval while its
     * camera stays still. Chrome draws an MJPEG part only when the headers of the part after it
     * arrive (measured with headless Chromium 156), so without it the last frame of a run stays
     * undrawn; and ffmpeg asked for N frames of a still camera would wait forever. µStreamer does
     * the same. A camera faster than 1 fps is never repeated, though each of its lanes still re-arms
     * one idle timer a second; a repeat waits for room like any frame.
     */
    FramePump(Context context, PumpClock clock, Connection connection, Transport transport, boolean repeatWhenIdle) {
        this.context = context;
        this.clock = clock;
        this.connection = connection;
        this.transport = transport;
        this.repeatWhenIdle = repeatWhenIdle;
    }

    /** A new lane without a feed; the caller offers it frames. Event loop only. */
    FrameLane open(Camera camera, double maxFps) {
        return open(camera, maxFps, null);
    }

    /**
     * Opens a lane and subscribes it to {@code feed} (a camera or one of its variants); the
     * returned action closes the lane and unsubscribes it. Event loop only.
     */
    Runnable watch(Camera camera, double maxFps, FrameFeed feed) {
        FrameLane lane = open(camera, maxFps, feed);
        feed.subscribe(lane);
        return () -> close(lane);
    }

    private FrameLane open(Camera camera, double maxFps, FrameFeed feed) {
        FrameLane lane = new FrameLane(this, clock, camera, maxFps, feed);
        lanes.add(lane);
        connection.watching(camera, true);
        return lane;
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
            blockedSinceNanos = -1;
            FrameLane lane = nextReady();
            if (lane == null) {
                return; // the next offer, a lane's timer or the connection's wake-up calls again
            }
            lane.write(transport, repeatWhenIdle);
        }
    }

    /** Called with no room; gives the connection small buffers once it has stayed so. */
    private void noteBlocked() {
        long now = clock.nanoTime();
        if (blockedSinceNanos < 0) {
            blockedSinceNanos = now;
        } else if (!slow && now - blockedSinceNanos > SLOW_AFTER_NANOS) {
            slow = true;
            connection.limitBuffers(SLOW_BUFFER_BYTES);
        }
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

    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }
}
