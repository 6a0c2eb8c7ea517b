package org.livecam.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each camera's latest frame behind, on its own thread: at most once per interval per
 * camera and once more at stop, so a camera at 30 fps costs one database write a second, not
 * thirty. A failing store is logged once per failure streak; frames keep flowing.
 */
public final class LatestFrameWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LatestFrameWriter.class);

    private final Cameras cameras;
    private final FrameStore store;
    private final Map<String, Long> savedSequence = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "livecam-store");
        t.setDaemon(true);
        return t;
    });
    private boolean failing;
    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    public LatestFrameWriter(Cameras cameras, FrameStore store) {
        this.cameras = cameras;
        this.store = store;
    }

    /** Puts the stored frames back into their cameras, marked stale. */
    public int restore() throws StoreException {
        int restored = 0;
        for (Frame frame : store.loadLatest()) {
            cameras.getOrCreate(frame.cameraId()).restore(frame);
            savedSequence.put(frame.cameraId(), frame.sequence());
            restored++;
        }
        return restored;
    }

    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(this::saveChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Saves every camera whose latest frame is not stored yet. Runs on the store thread. */
    void saveChanged() {
        for (Camera camera : cameras.all()) {
            Frame latest = camera.latest();
            if (latest == null || latest.restored() || Long.valueOf(latest.sequence()).equals(savedSequence.get(camera.id()))) {
                continue;
            }
            try {
                store.saveLatest(latest);
                count(writes, camera.id());
                savedSequence.put(camera.id(), latest.sequence());
                if (failing) {
                    log.info("Saving frames works again");
                    failing = false;
                }
            } catch (StoreException e) {
                count(failures, camera.id());
                if (!failing) {
                    log.error("Cannot save the latest frames; viewers are not affected: {}", e.getMessage());
                    failing = true;
                }
            }
        }
    }

    /**
     * Drops the kept frame of a removed camera, on the store thread after any save under way,
     * so a restart does not bring the camera back.
     */
    public void forget(String cameraId) {
        try {
            thread.execute(() -> {
                savedSequence.remove(cameraId);
                try {
                    store.forget(cameraId);
                } catch (StoreException e) {
                    log.error("Cannot forget the kept frame of removed camera {}: {}", cameraId, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the camera is gone from the cameras, so the last save skips it
        }
    }

    /** Frames of this camera saved so far, for /metrics. */
    public long writes(String cameraId) {
        LongAdder count = writes.get(cameraId);
        return count == null ? 0 : count.sum();
    }

    /** Saves of this camera's frames that failed so far, for /metrics. */
    public long failures(String cameraId) {
        LongAdder count = failures.get(cameraId);
        return count == null ? 0 : count.sum();
    }

    private static void count(Map<String, LongAdder> counts, String cameraId) {
        counts.computeIfAbsent(cameraId, id -> new LongAdder()).increment();
    }

    /** Saves what changed one last time and closes the store. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveChanged();
        store.close();
    }
}
