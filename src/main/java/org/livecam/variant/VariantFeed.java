package org.livecam.variant;

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
 * source frame ({@link Frame#derive}), so snapshots of the same size reuse it. Thread-safe.
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
    private volatile Frame latest;
    private volatile boolean warned;

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
                if (resized != null) {
                    latest = resized;
                    viewers.forEach(v -> v.offer(resized));
                }
            }
        } finally {
            working.set(false);
        }
        schedule(); // re-queued behind other variants' work, so every size gets its turn
    }

    /** The frame at this size, made once per frame; the source itself when no smaller. Blocking. */
    Frame resize(Frame frame) {
        Jpeg.Size target = size.fit(frame.width(), frame.height());
        if (target.width() == frame.width() && target.height() == frame.height()) {
            return frame;
        }
        try {
            return frame.derive(key, f -> {
                try {
                    long started = System.nanoTime();
                    Frame resized = encoder.resize(f, target);
                    encodeNanos.add(System.nanoTime() - started);
                    encoded.increment();
                    return resized;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn("Cannot resize {} to {}: {} (said once per size)", frame, size, e.toString());
            }
            return null;
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
