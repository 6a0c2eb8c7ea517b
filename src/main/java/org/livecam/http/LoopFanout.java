package org.livecam.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.livecam.frame.Frame;
import org.livecam.frame.Viewer;
import org.livecam.variant.FrameFeed;

/**
 * One feed (a camera or one of its variants) for the lanes on one event loop. It subscribes to
 * the feed as a single viewer and hands each new frame to all of that loop's lanes in ONE task on
 * the loop, then pumps their connections: a frame costs one wake-up per event loop, not one per
 * viewer (10,000 viewers on 2 loops: 2 tasks a frame, not 10,000).
 *
 * <p>It also times the keep-alive repeat of MJPEG lanes, with one timer for all of them (about
 * one a second for a busy camera, none per lane). A lane repeats its last frame only when the
 * feed has been quiet for {@link FramePump#IDLE_RESEND_MILLIS} and no newer frame is on the way
 * (the feed's own pace says one is due within half that), and repeats come no more often than
 * the feed's frames do: a 1 fps camera is sent once a second, not twice, while a still camera
 * (or a camera slower than 1 fps) has its frame repeated a second after it came, which is what
 * Chrome needs to draw it.
 *
 * <p>In its camera's figures it counts once in the demand (one subscriber) and as its lanes in
 * the audience (the people). {@link #offer} may be called on any thread; the rest runs on the loop.
 */
final class LoopFanout implements Viewer {
    private static final Runnable NOTHING = () -> { };
    private static final long RESEND_NANOS = FramePump.IDLE_RESEND_MILLIS * 1_000_000;

    private final LoopFanouts loop;
    private final FrameFeed feed;
    private final List<FrameLane> lanes = new ArrayList<>(); // event loop only
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile int people;
    private Frame latest; // event loop only: the newest frame handed to the lanes
    private long lastArrivalNanos; // event loop only, as the ones below
    private long intervalNanos; // the feed's pace, smoothed; 0 until two frames came
    private Runnable keepAlive = NOTHING;

    LoopFanout(LoopFanouts loop, FrameFeed feed) {
        this.loop = loop;
        this.feed = feed;
    }

    /** Adds a lane; it is offered the feed's current frame. Event loop only. */
    void join(FrameLane lane) {
        lanes.add(lane);
        people = lanes.size();
        if (lanes.size() == 1) {
            feed.subscribe(this); // the feed offers its current frame, which reaches the lane
        } else if (latest != null) {
            lane.offer(latest);
            armKeepAlive(RESEND_NANOS);
        }
    }

    /** Removes a lane; the last one to leave unsubscribes from the feed. Event loop only. */
    void leave(FrameLane lane) {
        if (lanes.remove(lane)) {
            people = lanes.size();
            if (lanes.isEmpty()) {
                feed.unsubscribe(this);
                loop.forget(feed, this);
                pending.set(null);
                latest = null;
                keepAlive.run();
                keepAlive = NOTHING;
            }
        }
    }

    /** A new frame of the feed, on the publisher's thread: kept (newest wins) until the loop takes it. */
    @Override
    public void offer(Frame frame) {
        pending.accumulateAndGet(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this::deliver);
        }
    }

    /** The feed's camera was removed: each lane is dropped from its pump, which tells its owner. Any thread. */
    @Override
    public void ended() {
        loop.execute(() -> {
            for (FrameLane lane : lanes.toArray(new FrameLane[0])) {
                lane.ended();
            }
        });
    }

    /** The people watching through this fanout: one per lane. Any thread. */
    @Override
    public int audience() {
        return people;
    }

    /** On the loop: the newest frame to every lane, then each lane's connection writes what it can. */
    private void deliver() {
        scheduled.set(false);
        Frame frame = pending.getAndSet(null);
        if (frame == null || lanes.isEmpty() || (latest != null && frame.sequence() <= latest.sequence())) {
            return;
        }
        notePace(frame);
        latest = frame;
        FrameLane[] now = lanes.toArray(new FrameLane[0]); // a pump may close lanes while writing
        for (FrameLane lane : now) {
            lane.take(frame);
        }
        for (FrameLane lane : now) {
            lane.pump();
        }
        armKeepAlive(RESEND_NANOS);
    }

    /** The feed's own pace, from the frames' arrivals and sequence numbers (a lagging variant skips some). */
    private void notePace(Frame frame) {
        long now = loop.clock().nanoTime();
        if (latest != null) {
            long gap = (now - lastArrivalNanos) / Math.max(1, frame.sequence() - latest.sequence());
            intervalNanos = intervalNanos == 0 ? gap : (3 * intervalNanos + gap) / 4;
        }
        lastArrivalNanos = now;
    }

    private void armKeepAlive(long delayNanos) {
        if (keepAlive == NOTHING && !lanes.isEmpty()) {
            keepAlive = loop.clock().schedule(Math.max(1, delayNanos / 1_000_000), () -> {
                keepAlive = NOTHING;
                keepAlive();
            });
        }
    }

    /** The keep-alive timer: asks each lane to repeat if the feed is quiet and no frame is due; re-arms. */
    private void keepAlive() {
        if (lanes.isEmpty() || latest == null) {
            return;
        }
        long now = loop.clock().nanoTime();
        long quiet = now - lastArrivalNanos;
        if (quiet < RESEND_NANOS) {
            armKeepAlive(RESEND_NANOS - quiet);
            return;
        }
        boolean frameDue = intervalNanos > 0 && quiet < intervalNanos * 3 / 2 && intervalNanos - quiet <= RESEND_NANOS / 2;
        if (frameDue) {
            armKeepAlive(intervalNanos * 3 / 2 - quiet); // by then it is late, and the lanes are repeated
            return;
        }
        long next = Long.MAX_VALUE; // stays so when no lane repeats (WebSockets): the next frame re-arms
        for (FrameLane lane : lanes.toArray(new FrameLane[0])) {
            next = Math.min(next, lane.repeatIfIdle(now, intervalNanos));
        }
        if (next != Long.MAX_VALUE) {
            armKeepAlive(next);
        }
    }
}
