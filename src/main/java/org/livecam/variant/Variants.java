package org.livecam.variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;

/**
 * Every resized variant of every camera, by camera and size, made on demand and kept for the
 * life of the server (their number is bounded by the allowed sizes). Resizing runs on
 * {@code pool}, a bounded worker pool that must not be an event loop. Thread-safe.
 */
public final class Variants {
    private final VariantSizes sizes;
    private final VariantEncoder encoder;
    private final Executor pool;
    private final ConcurrentHashMap<Key, VariantFeed> feeds = new ConcurrentHashMap<>();

    /** By the camera itself, not its id: a camera removed and made again starts with fresh feeds. */
    private record Key(Camera camera, VariantSize size) {
    }

    public Variants(VariantSizes sizes, Executor pool) {
        this.sizes = sizes;
        this.encoder = new VariantEncoder(0.8f);
        this.pool = pool;
    }

    public VariantSizes sizes() {
        return sizes;
    }

    /** What a viewer of {@code camera} at {@code size} subscribes to; the camera itself when size is null. */
    public FrameFeed feed(Camera camera, VariantSize size) {
        if (size == null) {
            return FrameFeed.of(camera);
        }
        Key key = new Key(camera, size);
        VariantFeed existing = feeds.get(key);
        if (existing != null) {
            return existing;
        }
        feeds.keySet().removeIf(k -> k.camera().ended()); // rare: only when a feed is made
        return feeds.computeIfAbsent(key, k -> new VariantFeed(camera, size, encoder, pool));
    }

    /**
     * {@code frame} of {@code camera} at {@code size}, completed on a worker thread (or at once
     * when it was already made for another viewer). A frame that cannot be decoded or resized
     * completes with the newest variant made before it, or with the frame itself when there is none.
     */
    public CompletableFuture<Frame> resize(Camera camera, Frame frame, VariantSize size) {
        if (size == null) {
            return CompletableFuture.completedFuture(frame);
        }
        VariantFeed feed = (VariantFeed) feed(camera, size);
        return CompletableFuture.supplyAsync(() -> feed.resize(frame), pool);
    }

    /** The variants of one camera that anyone has asked for, smallest first. */
    public List<VariantStats> stats(String cameraId) {
        List<VariantStats> list = new ArrayList<>();
        feeds.forEach((key, feed) -> {
            if (key.camera().id().equals(cameraId) && !key.camera().ended()) {
                list.add(feed.stats());
            }
        });
        list.sort(Comparator.comparingInt((VariantStats s) -> s.requested().width()).thenComparingInt(s -> s.requested().height()));
        return list;
    }
}
