package org.livecam.variant;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.frame.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera at one size: a subscriber of the source camera while it has viewers of its own,
 * and a feed of resized frames to them. Demand flows backwards: with nobody watching it is not
 * subscribed and does no work. It counts in its camera's demand once and in its audience as
 * the people watching it.
 *
 * <p>Latest frame wins here too: at most one resize of this variant is queued or running on
 * the worker pool; frames that arrive meanwhile replace each other, so when the pool falls
 * behind the variant skips frames instead of queueing them. A resized frame is kept on its
 * source frame ({@link Frame#derive}), so snapshots of the same size reuse it. A frame that cannot
 * be resized fails no viewer: the newest variant made stands in for it (see {@link #resize}).
 * Thread-safe.
 */
final class VariantFeed implements FrameFeed, Viewer {
    private static final Logger log = LoggerFactory.getLogger(VariantFeed.class);

    private final Camera source;
    private final VariantSize size;
    private final VariantEncoder encoder;
    private final Executor pool;
    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Frame> pending = new AtomicReference<>();
    private final AtomicBoolean working = new AtomicBoolean();
    private final LongAdder encoded = new LongAdder();
    private final LongAdder encodeNanos = new LongAdder();
    private final Key key;
    private final AtomicReference<Frame> lastMade = new AtomicReference<>(); // the newest variant really made
    private volatile Frame latest;

    /** The derive key: unique to this server's variants of this size. */
    private record Key(VariantFeed feed) {
    }

    VariantFeed(Camera source, VariantSize size, VariantEncoder encoder, Executor pool) {
        this.source = source;
        this.size = size;
        this.encoder = encoder;
        this.pool = pool;
        this.key = new Key(this);
    }

    VariantSize size() {
        return size;
    }

    @Override
    public synchronized void subscribe(Viewer viewer) {
        viewers.add(viewer);
        if (viewers.size() == 1) {
            source.subscribe(this); // offers the current frame, which this resizes at once
        } else {
            Frame current = latest;
            if (current != null) {
                viewer.offer(current);
            }
        }
    }

    @Override
    public synchronized void unsubscribe(Viewer viewer) {
        if (viewers.remove(viewer) && viewers.isEmpty()) {
            source.unsubscribe(this);
            pending.set(null);
        }
    }

    /** The people watching this variant: they are its camera's audience, where the feed is only its demand. */
    @Override
    public int audience() {
        return Viewer.audienceOf(viewers);
    }

    /** The camera was removed: so is this variant, for everyone watching it. */
    @Override
    public void ended() {
        List<Viewer> watching;
        synchronized (this) {
            watching = List.copyOf(viewers);
            viewers.clear();
            pending.set(null);
        }
        watching.forEach(Viewer::ended);
    }

    /** A new source frame; called on the publisher's thread. Never blocks. */
    @Override
    public void offer(Frame frame) {
        pending.accumulateAndGet(frame, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
        schedule();
    }

    private void schedule() {
        if (pending.get() != null && working.compareAndSet(false, true)) {
            try {
                pool.execute(this::work);
            } catch (RejectedExecutionException e) { // the server is stopping
                working.set(false);
            }
        }
    }

    /** On a worker: resize the newest pending frame, hand it to every viewer, then look again. */
    private void work() {
        try {
            Frame frame = pending.getAndSet(null);
            if (frame != null && !viewers.isEmpty()) {
                Frame resized = resize(frame);
                latest = resized;
                viewers.forEach(v -> v.offer(resized));
            }
        } finally {
            working.set(false);
        }
        schedule(); // re-queued behind other variants' work, so every size gets its turn
    }

    /**
     * The frame at this size, made once per frame; the source itself when no smaller. Blocking.
     * Never fails: a frame that cannot be decoded or resized is shown by the newest variant made
     * before it (under its own sequence, so pollers move on), or by the frame itself when none was.
     */
    Frame resize(Frame frame) {
        Jpeg.Size target = size.fit(frame.width(), frame.height());
        if (target.width() == frame.width() && target.height() == frame.height()) {
            return frame;
        }
        return frame.derive(key, f -> make(f, target));
    }

    private Frame make(Frame frame, Jpeg.Size target) {
        try {
            long started = System.nanoTime();
            Frame resized = encoder.resize(frame, target);
            encodeNanos.add(System.nanoTime() - started);
            encoded.increment();
            lastMade.accumulateAndGet(resized, (old, fresh) -> old == null || fresh.sequence() > old.sequence() ? fresh : old);
            return resized;
        } catch (IOException | RuntimeException e) {
            if (source.counters().variantFailed()) {
                log.warn("Camera {}: cannot resize frame {} to {}: {}; viewers of its variants get the last one made, or the original "
                        + "(said once per camera; livecam_variant_failures_total counts them)", source.id(), frame.sequence(), size, e.getMessage());
            }
            Frame made = lastMade.get();
            return made != null ? frame.showing(made) : frame;
        }
    }

    VariantStats stats() {
        Frame current = latest;
        Frame original = source.latest();
        Jpeg.Size pixels = current != null ? new Jpeg.Size(current.width(), current.height())
                : original != null ? size.fit(original.width(), original.height()) : null;
        return new VariantStats(size, pixels, encoded.sum(), audience(), encodeNanos.sum()); // people, not the per-loop fanouts
    }
}
