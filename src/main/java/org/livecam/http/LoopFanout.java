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
 * <p>In its camera's figures it counts once in the demand (one subscriber) and as its lanes in
 * the audience (the people). {@link #offer} may be called on any thread; the rest runs on the loop.
 */
final class LoopFanout implements Viewer {
    private final LoopFanouts loop;
    private final FrameFeed feed;
    private final List<FrameLane> lanes = new ArrayList<>(); // event loop only
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile int people;
    private Frame latest; // event loop only: the newest frame handed to the lanes

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
        latest = frame;
        FrameLane[] now = lanes.toArray(new FrameLane[0]); // a pump may close lanes while writing
        for (FrameLane lane : now) {
            lane.take(frame);
        }
        for (FrameLane lane : now) {
            lane.pump();
        }
    }
}
