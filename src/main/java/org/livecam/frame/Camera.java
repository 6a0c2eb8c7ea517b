package org.livecam.frame;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest frame of one camera and everyone watching it.
 *
 * <p>Two counts of who watches: {@link #demand} is every subscriber, what keeps a source
 * running (people, and feeds such as a resized variant that watch on others' behalf);
 * {@link #audience} is the people, however they watch, the figure users see and the logs say.
 *
 * <p>{@link #publish} may be called from any thread and never blocks on a viewer: each viewer
 * is offered the new frame and keeps only the newest, so a slow viewer skips frames instead of
 * slowing the source or anyone else. Sequence numbers only grow, across restarts too.
 *
 * <p>Its {@link #state} is live while frames keep coming at about the camera's own pace, and
 * stale after a few missed intervals (see {@link FramePace}), or at once for a frame kept from
 * an earlier run.
 *
 * <p>A frame whose bytes equal the latest one's (a still scene from a camera that re-sends it)
 * is counted and keeps the camera live, but is not offered, stored or resized again and takes
 * no new sequence number: viewers already have it.
 */
public final class Camera {
    /** The longest silence before a camera counts as stale, whatever its pace, unless the server says otherwise. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(10);

    private final String id;
    private final Clock clock;
    private final PixelLimit pixelLimit;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
    private final RateMeter framesIn = new RateMeter();
    private final RateMeter framesOut = new RateMeter();
    private final FramePace pace = new FramePace();
    private final LongAdder framesPublished = new LongAdder();
    private final LongAdder framesSent = new LongAdder();
    private final CameraCounters counters = new CameraCounters();
    private final LongAdder framesIdentical = new LongAdder();
    private final Elapsed elapsed;
    private volatile long lastArrivalElapsed = -1; // the latest frame's, or a later identical one's, in elapsed ms
    private volatile String offlineReason;
    private volatile String sourceDescription;
    private final List<DemandListener> demandListeners = new CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private final List<PublishListener> publishListeners = new CopyOnWriteArrayList<>();
    private long sequenceFloor; // guarded by this: the next sequence is above it (frames numbered elsewhere)
    private volatile String origin;
    private volatile CameraState stateAtOrigin;

    /**
     * Told when subscribers start or stop needing this camera's frames, so a source can run only
     * while it is needed. Called on the caller's thread (often an event loop): must not block.
     */
    public interface DemandListener {
        /** A subscriber joined or left; read {@link #demand()} for the figure now. */
        void viewersChanged(Camera camera);

        /** Someone wants a frame without staying to watch (a snapshot). */
        void frameRequested(Camera camera);
    }

    /**
     * Told of every frame published here ({@link #publish}), not of relayed ones, so a relay to
     * other nodes sees each frame once and never its own. Called on the publisher's thread after
     * viewers were offered the frame: must not block.
     */
    public interface PublishListener {
        void published(Camera camera, Frame frame);
    }

    public Camera(String id, Clock clock) {
        this(id, clock, PixelLimit.DEFAULT);
    }

    /** A camera whose sources are held to {@code pixelLimit} ({@link #pixelLimit}). */
    public Camera(String id, Clock clock, PixelLimit pixelLimit) {
        this.id = CameraId.check(id);
        this.clock = clock;
        this.elapsed = Elapsed.of(clock);
        this.pixelLimit = pixelLimit;
    }

    /** What a frame for this camera must pass before {@link #publish}: a JPEG of at most so many pixels. */
    public PixelLimit pixelLimit() {
        return pixelLimit;
    }

    public String id() {
        return id;
    }

    /**
     * Makes a validated JPEG the camera's latest frame and offers it to every viewer; returns it.
     * A JPEG identical to the latest frame only marks the camera live and returns that frame.
     */
    public Frame publish(ByteBuffer jpeg, Jpeg.Size size) {
        Frame previous = latest.get();
        if (sameBytes(previous, jpeg)) {
            return identical(previous); // not new: nothing to tell the listeners (no second copy to other nodes)
        }
        Frame frame = accept(jpeg, size, 0, null);
        for (PublishListener listener : publishListeners) {
            listener.published(this, frame);
        }
        return frame;
    }

    /**
     * Publishes a JPEG that another node published first (validated as {@code size}), keeping its
     * {@code sequence} and {@code receivedAt} there when that keeps this camera's sequence growing
     * (otherwise it takes the next number here). Viewers see it like any frame; publish listeners
     * are not told, so it is never sent back.
     */
    public Frame publishRelayed(ByteBuffer jpeg, Jpeg.Size size, long sequence, Instant receivedAt) {
        Frame previous = latest.get();
        return sameBytes(previous, jpeg) ? identical(previous) : accept(jpeg, size, sequence, receivedAt);
    }

    /** Frames published here from now on are numbered above {@code sequence} (numbered elsewhere before). */
    public synchronized void continueAfter(long sequence) {
        sequenceFloor = Math.max(sequenceFloor, sequence);
    }

    private Frame accept(ByteBuffer jpeg, Jpeg.Size size, long wantedSequence, Instant receivedAt) {
        ByteBuffer direct = Frame.directCopy(jpeg); // outside the lock: the copy (or a collection) holds no other publisher
        Frame frame;
        synchronized (this) { // sequence and latest move together
            Frame previous = latest.get();
            long last = previous == null ? 0 : previous.sequence();
            long next = (wantedSequence > 0 ? last : Math.max(last, sequenceFloor)) + 1; // the floor is for frames numbered here
            frame = Frame.over(id, Math.max(next, wantedSequence), receivedAt != null ? receivedAt : clock.instant(), size, direct);
            latest.set(frame);
        }
        long now = elapsed.millis();
        // A frame from another node arrived there: as old here as the wall clocks say, never newer.
        arrived(receivedAt == null ? now : now - Math.max(0, clock.millis() - receivedAt.toEpochMilli()));
        for (Viewer viewer : viewers) {
            viewer.offer(frame);
        }
        return frame;
    }

    /**
     * The camera is removed from its server: every viewer is told it ended and let go, and nobody
     * new can subscribe; demand listeners are dropped (their source is stopped by its owner).
     */
    public void end() {
        ended = true;
        demandListeners.clear();
        for (Viewer viewer : viewers) {
            if (viewers.remove(viewer)) { // whoever removes it (here or subscribe) tells it, once
                viewer.ended();
            }
        }
    }

    /** True once {@link #end}ed: a camera of the same id made later is another object. */
    public boolean ended() {
        return ended;
    }

    public void addPublishListener(PublishListener listener) {
        publishListeners.add(listener);
    }

    /**
     * Where the camera's frames come from when several nodes share cameras: the node's name, and
     * for a camera published on another node the state it has there (null for this node's own),
     * which {@link #state} reports unless frames reach this node live.
     */
    public void describeOrigin(String node, CameraState stateThere) {
        origin = node;
        stateAtOrigin = stateThere;
    }

    /** The node this camera's frames come from, or null when the server runs alone. */
    public String origin() {
        return origin;
    }

    /** Length first, then the bytes: a changed frame differs early (after its headers), so this rarely reads far. */
    private static boolean sameBytes(Frame previous, ByteBuffer jpeg) {
        return previous != null && !previous.restored() && previous.size() == jpeg.remaining()
                && previous.bytes().equals(jpeg);
    }

    /** Another publisher may have moved latest meanwhile: both raced, either order was possible. */
    private Frame identical(Frame previous) {
        framesIdentical.increment();
        arrived(elapsed.millis());
        return previous;
    }

    /** Counts an arrival at {@code nowElapsed} ({@link Elapsed} ms: rates and silences never use wall time). */
    private void arrived(long nowElapsed) {
        framesPublished.increment();
        framesIn.mark(nowElapsed);
        pace.mark(nowElapsed);
        lastArrivalElapsed = nowElapsed;
        offlineReason = null;
    }

    /** Puts back a frame kept from an earlier run, marked stale; ignored once a live frame exists. */
    public synchronized void restore(Frame stored) {
        if (latest.get() == null) {
            latest.set(stored.withSequence(stored.sequence(), true));
        }
    }

    /** The newest frame, or null before the first one. */
    public Frame latest() {
        return latest.get();
    }

    /** Adds a viewer and offers it the current frame at once, if there is one. */
    public void subscribe(Viewer viewer) {
        if (ended) {
            viewer.ended(); // it raced a removal
            return;
        }
        if (viewers.add(viewer)) {
            if (ended && viewers.remove(viewer)) { // end() ran between the check above and the add
                viewer.ended();
                return;
            }
            demandListeners.forEach(listener -> listener.viewersChanged(this));
        }
        Frame current = latest.get();
        if (current != null) {
            viewer.offer(current);
        }
    }

    public void unsubscribe(Viewer viewer) {
        if (viewers.remove(viewer)) {
            demandListeners.forEach(listener -> listener.viewersChanged(this));
        }
    }

    /**
     * Someone wants a frame without watching (a snapshot): wakes a source that runs on demand.
     * Returns true when something listens, so a frame may come even if there is none yet.
     */
    public boolean requestFrame() {
        demandListeners.forEach(listener -> listener.frameRequested(this));
        return !demandListeners.isEmpty();
    }

    public void addDemandListener(DemandListener listener) {
        demandListeners.add(listener);
    }

    public void removeDemandListener(DemandListener listener) {
        demandListeners.remove(listener);
    }

    /** Subscribers now: people and the feeds that watch for them. The source runs while above zero. */
    public int demand() {
        return viewers.size();
    }

    /** People watching now, directly or through a feed such as a resized variant. */
    public int audience() {
        return Viewer.audienceOf(viewers);
    }

    /** Outputs call this once per new frame written to a viewer (the camera's own or a resized one), for the fps-out figure. */
    public void countSent(Frame frame) {
        framesSent.increment();
        framesOut.mark(elapsed.millis());
        counters.sent(frame);
    }

    /** The totals that only /metrics reads. */
    public CameraCounters counters() {
        return counters;
    }

    /** Sources say why the camera has no live picture; a published frame clears it. */
    public void markOffline(String reason) {
        offlineReason = reason;
    }

    public String offlineReason() {
        return offlineReason;
    }

    /** What feeds a camera the server pulls (no secrets), for the API and the page; null for pushed cameras. */
    public void describeSource(String description) {
        sourceDescription = description;
    }

    /**
     * True when the latest frame is no longer live now: kept from an earlier run, or older than
     * a few of the camera's usual intervals (at most {@code staleAfter}). False before the first frame.
     */
    public boolean isStale(Duration staleAfter) {
        return isStale(latest.get(), elapsed.millis(), staleAfter);
    }

    /** waiting (no frame yet), offline (its source failed), stale (see {@link #isStale}) or live, now. */
    public CameraState state(Duration staleAfter) {
        return state(latest.get(), elapsed.millis(), staleAfter);
    }

    /** The figures now; {@code staleAfter} is the longest silence before the camera counts as stale. */
    public CameraStats stats(Duration staleAfter) {
        long wallNow = clock.millis();
        long now = elapsed.millis();
        Frame frame = latest.get();
        return new CameraStats(id, state(frame, now, staleAfter), frame, wallNow, framesIn.perSecond(now),
                framesOut.perSecond(now), audience(), framesPublished.sum(), framesSent.sum(), offlineReason,
                sourceDescription, framesIdentical.sum(), frame == null ? -1 : lastArrivalWall(frame, wallNow, now));
    }

    private CameraState state(Frame frame, long nowElapsed, Duration staleAfter) {
        if (offlineReason != null) {
            return CameraState.OFFLINE;
        }
        CameraState there = stateAtOrigin;
        if (frame == null) {
            return there != null ? there : CameraState.WAITING;
        }
        boolean staleHere = isStale(frame, nowElapsed, staleAfter);
        return there != null && staleHere ? there : staleHere ? CameraState.STALE : CameraState.LIVE;
    }

    private boolean isStale(Frame frame, long nowElapsed, Duration staleAfter) {
        if (frame == null) {
            return false;
        }
        long arrived = lastArrivalElapsed; // -1 for a moment while a first frame is being published: it is live
        return frame.restored() || (arrived >= 0 && nowElapsed - arrived > pace.silenceLimit(staleAfter).toMillis());
    }

    /**
     * When {@code frame}, or a copy of it sent again, last arrived, on the wall clock for display:
     * now less the time elapsed since, so a clock set back does not make the frame seem newer.
     */
    private long lastArrivalWall(Frame frame, long wallNow, long nowElapsed) {
        long arrived = lastArrivalElapsed;
        return frame.restored() || arrived < 0 ? frame.receivedAt().toEpochMilli() : wallNow - (nowElapsed - arrived);
    }
}
