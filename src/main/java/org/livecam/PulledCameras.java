package org.livecam;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.livecam.config.CameraConfig;
import org.livecam.config.ConfigFile;
import org.livecam.config.SavedCameras;
import org.livecam.frame.Cameras;
import org.livecam.http.CameraAdmin;
import org.livecam.source.FrameSource;
import org.livecam.source.SourceGates;
import org.livecam.source.SourceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every camera the server pulls, each with its running {@link SourceRunner}: the fixed ones
 * (flags, the config file, the demo), which the API may not change, and the ones added at run
 * time, which are kept in {@link SavedCameras} and come back after a restart. Cameras made by
 * publishing are not pulled and not touched here. Changes are serialized; they may wait for a
 * source's process to stop, so they run off the event loops.
 */
final class PulledCameras implements CameraAdmin, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PulledCameras.class);

    private final Cameras cameras;
    private final SavedCameras saved;
    private final Duration defaultIdle;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<String> forget;
    private final SourceGates gates;
    private final Map<String, SourceRunner> fixed = new LinkedHashMap<>();
    private final Map<String, SourceRunner> added = new LinkedHashMap<>(); // guarded by this
    private final Map<String, ConfigFile.CameraEntry> addedSettings = new LinkedHashMap<>(); // guarded by this

    /**
     * {@code forget} drops a removed camera's kept frame, so a restart does not bring it back;
     * {@code gates} say whether this node may run each source.
     */
    PulledCameras(Cameras cameras, SavedCameras saved, Duration defaultIdle, ScheduledExecutorService scheduler,
                  Clock clock, Consumer<String> forget, SourceGates gates) {
        this.cameras = cameras;
        this.saved = saved;
        this.defaultIdle = defaultIdle;
        this.scheduler = scheduler;
        this.clock = clock;
        this.forget = forget;
        this.gates = gates;
    }

    /** Starts the cameras of the flags and the file, parsed already; the API cannot change them. */
    synchronized void startFixed(List<CameraConfig> configs, List<FrameSource> sources) {
        for (int i = 0; i < configs.size(); i++) {
            fixed.put(configs.get(i).id(), run(configs.get(i), sources.get(i)));
        }
    }

    /**
     * Starts the cameras added at run time before the last stop. One whose id the flags or the
     * file now use, or whose source no longer parses, is skipped with a warning (and dropped from
     * the file at the next change); the server starts either way.
     */
    synchronized void startSaved() {
        List<ConfigFile.CameraEntry> entries;
        try {
            entries = saved.load();
        } catch (ConfigFile.ConfigException e) {
            log.error("Cannot read the cameras added over the API; starting without them: {}", e.getMessage());
            return;
        }
        for (ConfigFile.CameraEntry entry : entries) {
            if (fixed.containsKey(entry.id())) {
                log.warn("Camera {} from {} is now configured by a flag or the config file, which wins", entry.id(), saved.file());
                continue;
            }
            try {
                CameraConfig config = entry.withDefaultIdle(defaultIdle);
                added.put(entry.id(), run(config, LivecamServer.parseSource(config, clock)));
                addedSettings.put(entry.id(), entry);
            } catch (IllegalArgumentException e) {
                log.error("Skipping camera {} from {}: {}", entry.id(), saved.file(), e.getMessage());
            }
        }
        if (!entries.isEmpty()) {
            log.info("Started {} camera(s) added over the API, from {}", added.size(), saved.file());
        }
    }

    @Override
    public synchronized boolean put(ConfigFile.CameraEntry entry) {
        String id = entry.id();
        refuseFixed(id);
        boolean created = !added.containsKey(id);
        if (created && cameras.get(id).isPresent()) {
            throw new Refusal(409, "camera " + id + " exists and is fed by publishing, not pulled; choose another id");
        }
        CameraConfig config = entry.withDefaultIdle(defaultIdle);
        FrameSource source;
        try {
            source = LivecamServer.parseSource(config, clock);
        } catch (LivecamServer.InvalidSourceException e) {
            throw new Refusal(400, e.getMessage());
        }
        Map<String, ConfigFile.CameraEntry> next = new LinkedHashMap<>(addedSettings);
        next.put(id, entry);
        keep(next);
        SourceRunner old = added.remove(id);
        if (old != null) {
            old.close(); // the camera and its viewers stay; they get the new source's frames
        }
        added.put(id, run(config, source));
        return created;
    }

    @Override
    public synchronized void remove(String id) {
        refuseFixed(id);
        if (!added.containsKey(id)) {
            throw cameras.get(id).isPresent()
                    ? new Refusal(409, "camera " + id + " is fed by publishing, not pulled; it cannot be removed over the API")
                    : new Refusal(404, "no camera named " + id);
        }
        Map<String, ConfigFile.CameraEntry> next = new LinkedHashMap<>(addedSettings);
        next.remove(id);
        keep(next);
        added.remove(id).close();
        cameras.remove(id);
        forget.accept(id);
    }

    /** Stops every source, waiting for each; cameras keep their last frames. */
    @Override
    public void close() {
        List<SourceRunner> all;
        synchronized (this) {
            all = new ArrayList<>(fixed.values());
            all.addAll(added.values());
        }
        all.parallelStream().forEach(SourceRunner::close); // each may wait for its command to exit
    }

    private void refuseFixed(String id) {
        if (fixed.containsKey(id)) {
            throw new Refusal(409, "camera " + id + " comes from --camera or the config file and cannot be changed over"
                    + " the API; change it there and restart");
        }
    }

    /** Writes the cameras added at run time, before anything changes: a failure changes nothing. */
    private void keep(Map<String, ConfigFile.CameraEntry> next) {
        try {
            saved.save(next.values());
        } catch (IOException e) {
            throw new Refusal(500, "cannot save " + saved.file() + ": " + e.getMessage() + "; nothing was changed");
        }
        addedSettings.clear();
        addedSettings.putAll(next);
    }

    private SourceRunner run(CameraConfig config, FrameSource source) {
        SourceRunner runner = new SourceRunner(cameras.getOrCreate(config.id()), source, config.alwaysOn(),
                config.idleTimeout(), scheduler, clock, gates.gate(config.id()));
        gates.recheckWith(config.id(), runner::recheck);
        runner.start();
        return runner;
    }
}
