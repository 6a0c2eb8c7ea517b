package org.livecam.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.livecam.config.ByteSize;
import org.livecam.frame.Camera;
import org.livecam.frame.CameraId;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the configured cameras into {@code DATA/record/ID/}, on one thread of its own for the
 * whole server: cameras offer frames through a {@link CameraTap} (never blocking the
 * publisher), which queues a bounded number; when the disk is slower than the cameras the
 * recorded frames are dropped and counted, the live ones never. Once a second the thread forces
 * what it wrote (so a power loss costs about a second), deletes what retention says, keeps the
 * file system's free space above the minimum (oldest recordings first; with nothing left to
 * delete, recording pauses until there is room again) and, with {@code *}, finds new cameras.
 */
public final class Recorder implements Archives, AutoCloseable {
    public static final String DIR_NAME = "record";
    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final int MAX_QUEUED_FRAMES = 120;
    private static final long MAX_QUEUED_BYTES = 64L << 20;

    private final Path dir;
    private final RecordConfig config;
    private final Cameras cameras;
    private final Clock clock;
    private final Map<String, Archive> archives = new ConcurrentHashMap<>();
    private final Map<String, CameraTap> taps = new ConcurrentHashMap<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "livecam-record");
        t.setDaemon(true);
        return t;
    });
    private DiskSpace disk;
    private volatile boolean paused;
    private boolean failing;

    public Recorder(Path dataDir, RecordConfig config, Cameras cameras) {
        this.dir = dataDir.resolve(DIR_NAME);
        this.config = config;
        this.cameras = cameras;
        this.clock = cameras.clock();
    }

    /** Opens every archive on disk (repairing torn tails), then starts recording the configured cameras. */
    public void start() throws IOException {
        if (!config.enabled() && !Files.isDirectory(dir)) {
            return; // nothing recorded, nothing to read back: no folder, no thread at work
        }
        Files.createDirectories(dir);
        disk = new DiskSpace(dir, config);
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path cameraDir : listing) {
                String id = cameraDir.getFileName().toString();
                if (CameraId.isValid(id)) {
                    archives.put(id, Archive.open(cameraDir, id, config.policy(id), clock, disk.forRecordings()));
                }
            }
        }
        if (config.enabled()) {
            log.info("Recording {} into {}; keeping {} free on its file system (--record-min-free)",
                    config.cameras().contains(RecordConfig.ALL) ? "every camera" : describeCameras(), dir, ByteSize.format(disk.minFree()));
        }
        for (String id : config.cameras()) {
            if (!id.equals(RecordConfig.ALL)) {
                watch(cameras.getOrCreate(id));
            }
        }
        for (String id : config.perCamera().keySet()) {
            watch(cameras.getOrCreate(id));
        }
        watchNewCameras();
        thread.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    private String describeCameras() {
        return "camera(s) " + String.join(", ", new java.util.TreeSet<>(java.util.stream.Stream.concat(
                config.cameras().stream(), config.perCamera().keySet().stream()).toList()));
    }

    /** The archive of a camera that has recordings (or is being recorded). */
    @Override
    public Optional<Archive> archive(String cameraId) {
        return Optional.ofNullable(archives.get(cameraId));
    }

    @Override
    public Path scratchDir() {
        return dir.resolve(".timelapse"); // not a camera id, so never taken for an archive
    }

    /** Recorded frames this camera dropped because the disk was slow, or recording paused. */
    public long dropped(String cameraId) {
        CameraTap tap = taps.get(cameraId);
        return tap == null ? 0 : tap.dropped();
    }

    /** True while the disk has no room to keep the minimum free and nothing is left to delete. */
    public boolean paused() {
        return paused;
    }

    private void watch(Camera camera) throws IOException {
        if (taps.containsKey(camera.id())) {
            return;
        }
        RecordPolicy policy = config.policy(camera.id());
        Archive archive = archives.get(camera.id());
        if (archive == null) {
            archive = Archive.open(dir.resolve(camera.id()), camera.id(), policy, clock, disk.forRecordings());
            archives.put(camera.id(), archive);
        }
        CameraTap tap = new CameraTap(archive, policy.every(), this);
        taps.put(camera.id(), tap);
        camera.subscribe(tap);
        log.debug("Recording camera {} every {}, keeping {}", camera.id(), policy.every(), policy.keep());
    }

    private void watchNewCameras() {
        if (!config.cameras().contains(RecordConfig.ALL)) {
            return;
        }
        for (Camera camera : cameras.all()) {
            try {
                watch(camera);
            } catch (IOException e) {
                log.error("Cannot record camera {}: {}", camera.id(), e.toString());
            }
        }
    }

    /** Called by a tap on the publisher's thread: queues the frame for writing, or says no. Never blocks. */
    boolean enqueue(Archive archive, Frame frame) {
        if (paused || queuedFrames.get() >= MAX_QUEUED_FRAMES || queuedBytes.get() + frame.size() > MAX_QUEUED_BYTES) {
            return false;
        }
        queuedFrames.incrementAndGet();
        queuedBytes.addAndGet(frame.size());
        try {
            thread.execute(() -> {
                queuedFrames.decrementAndGet();
                queuedBytes.addAndGet(-frame.size());
                write(archive, frame);
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    private void write(Archive archive, Frame frame) {
        if (paused || !makeRoom(frame.size())) {
            return;
        }
        try {
            archive.append(frame);
            if (failing) {
                log.info("Recording works again");
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                log.error("Cannot record camera {}; live viewing is not affected: {}", archive.cameraId(), e.toString());
                failing = true;
            }
        }
    }

    /** Deletes the oldest recordings of any camera until {@code bytes} fit above the minimum; else pauses. */
    private boolean makeRoom(long bytes) {
        while (!disk.roomFor(bytes)) {
            Archive oldest = archives.values().stream().min(Comparator.comparingLong(Archive::oldestStart)).orElse(null);
            try {
                if (oldest == null || !oldest.deleteOldest("the disk is nearly full")) {
                    pause();
                    return false;
                }
            } catch (IOException e) {
                log.error("Cannot delete a recording of camera {}: {}", oldest.cameraId(), e.toString());
                pause();
                return false;
            }
        }
        return true;
    }

    private void pause() {
        if (!paused) {
            paused = true;
            log.warn("Recording paused: {} free on {}, below --record-min-free {}, and no recordings left to delete; "
                    + "live publishing and viewing go on", ByteSize.format(disk.usable()), dir, ByteSize.format(disk.minFree()));
        }
    }

    private void everySecond() {
        try {
            for (Archive archive : List.copyOf(archives.values())) {
                archive.force();
                archive.expire();
            }
            if (paused && disk.roomFor(Math.max(1L << 20, disk.minFree() / 10))) {
                paused = false;
                log.info("Recording resumed: {} free on {}", ByteSize.format(disk.usable()), dir);
            }
            watchNewCameras();
        } catch (IOException | RuntimeException e) {
            log.error("Recording upkeep failed: {}", e.toString());
        }
    }

    /** Stops taking frames, writes what is queued, forces and closes every archive. */
    @Override
    public void close() {
        taps.forEach((id, tap) -> cameras.get(id).ifPresent(camera -> camera.unsubscribe(tap)));
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Archive archive : archives.values()) {
            try {
                archive.close();
            } catch (IOException e) {
                log.error("Closing the recordings of camera {}: {}", archive.cameraId(), e.toString());
            }
        }
    }
}
