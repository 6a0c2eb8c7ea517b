package org.livecam.http;

import io.vertx.core.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.livecam.variant.FrameFeed;

/**
 * The {@link LoopFanout}s of one event loop, one per feed watched from it, and the loop's way to
 * run tasks and keep time. Every pump on the loop joins its lanes here. Event loop only, but for
 * {@link #execute}, which any thread may call.
 */
final class LoopFanouts {
    private final Executor loop;
    private final PumpClock clock;
    private final Map<FrameFeed, LoopFanout> byFeed = new HashMap<>(); // event loop only

    /** {@code loop} runs a task on the event loop (tests count them); {@code clock} keeps its time. */
    LoopFanouts(Executor loop, PumpClock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    /** Tasks run on {@code context}'s event loop, with Vert.x's time. */
    static LoopFanouts on(Context context) {
        return new LoopFanouts(task -> context.runOnContext(v -> task.run()), PumpClock.of(context.owner()));
    }

    /** Subscribes {@code lane} to {@code feed} through this loop's fanout; the returned action leaves it. */
    Runnable join(FrameFeed feed, FrameLane lane) {
        LoopFanout fanout = byFeed.computeIfAbsent(feed, f -> new LoopFanout(this, f));
        fanout.join(lane);
        return () -> fanout.leave(lane);
    }

    void forget(FrameFeed feed, LoopFanout fanout) {
        byFeed.remove(feed, fanout);
    }

    /** Runs {@code task} on the loop. Any thread. */
    void execute(Runnable task) {
        loop.execute(task);
    }

    PumpClock clock() {
        return clock;
    }
}
