package org.livecam.source;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.livecam.frame.Camera;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source for one camera while someone needs it: it starts when the camera gets its
 * first viewer or a snapshot request, and stops {@code idleTimeout} after the last viewer left
 * (or after the last snapshot request); {@code alwaysOn} keeps it running from {@link #start}
 * to {@link #close}. The source itself restarts with backoff when it fails, and marks the
 * camera offline meanwhile (through {@link CameraFeed}); viewers keep the last frame.
 *
 * <p>Demand arrives on any thread (often an event loop) and only schedules work; starting and
 * stopping the source (which may wait for a process to exit) happen on {@code scheduler}.
 */
public final class SourceRunner implements Camera.DemandListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);

    private final Camera camera;
    private final FrameSource source;
    private final boolean alwaysOn;
    private final Duration idleTimeout;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final SourceGate gate;
    private final Object lifecycle = new Object();
    private volatile long demandUntilMillis;
    private boolean running; // guarded by lifecycle
    private boolean closed; // guarded by lifecycle
    private ScheduledFuture<?> idleCheck; // guarded by lifecycle: at most one pending, however much demand comes

    public SourceRunner(Camera camera, FrameSource source, boolean alwaysOn, Duration idleTimeout,
                        ScheduledExecutorService scheduler, Clock clock) {
        this(camera, source, alwaysOn, idleTimeout, scheduler, clock, SourceGate.ALONE);
    }

    /** Runs the source only when {@code gate} says so (several nodes: the one holding the lease). */
    public SourceRunner(Camera camera, FrameSource source, boolean alwaysOn, Duration idleTimeout,
                        ScheduledExecutorService scheduler, Clock clock, SourceGate gate) {
        this.gate = gate;
        this.camera = camera;
        this.source = source;
        this.alwaysOn = alwaysOn;
        this.idleTimeout = idleTimeout;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Begins listening for demand (and starts the source at once when always on). */
    public void start() {
        camera.addDemandListener(this);
        camera.describeSource(source.describe());
        source.startProblem().ifPresent(problem -> {
            // The server still starts, and the source keeps trying: the folder may be mounted later.
            log.warn("Camera {}: its source cannot start: {}", camera.id(), problem);
            camera.markOffline(problem);
        });
        log.info("Camera {}: source {} ({})", camera.id(), source.describe(),
                alwaysOn ? "always on" : "on demand, stops " + idleTimeout.toMillis() / 1000.0 + " s after the last viewer");
        reconcileSoon();
    }

    @Override
    public void viewersChanged(Camera c) {
        if (c.demand() == 0) {
            demandUntilMillis = clock.millis() + idleTimeout.toMillis();
        }
        reconcileSoon();
    }

    @Override
    public void frameRequested(Camera c) {
        demandUntilMillis = Math.max(demandUntilMillis, clock.millis() + idleTimeout.toMillis());
        reconcileSoon();
    }

    /** Asks again whether to run: the gate's answer may have changed, or the idle time passed. */
    public void recheck() {
        reconcileSoon();
    }

    /** True while the source is started (it may be between retries). */
    public boolean running() {
        synchronized (lifecycle) {
            return running;
        }
    }

    /** Stops the source and waits for it; the camera keeps its last frame. */
    @Override
    public void close() {
        camera.removeDemandListener(this);
        synchronized (lifecycle) {
            closed = true;
            if (running) {
                running = false;
                source.stop();
            }
        }
    }

    private void reconcileSoon() {
        try {
            scheduler.execute(this::reconcile);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void reconcile() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            long now = clock.millis();
            int viewers = camera.demand();
            boolean wantedHere = alwaysOn || viewers > 0 || now < demandUntilMillis;
            boolean wanted = gate.mayRun(wantedHere);
            if (wanted && !running) {
                log.info("Camera {}: starting its source ({})", camera.id(), alwaysOn ? "always on"
                        : viewers > 0 ? viewers + " viewer(s)" : wantedHere ? "a snapshot was asked for" : "wanted on another node");
                source.start(new CameraFeed(camera));
                running = true;
            } else if (!wanted && running) {
                if (wantedHere) {
                    log.info("Camera {}: stopping its source, another node runs it", camera.id());
                } else {
                    log.info("Camera {}: stopping its source, nobody watched for {} s", camera.id(), idleTimeout.toMillis() / 1000.0);
                }
                running = false;
                source.stop();
            }
            if (running && !alwaysOn && viewers == 0 && now < demandUntilMillis && idleCheck == null) { // else the gate rechecks
                long wait = Math.max(10, demandUntilMillis - now + 10);
                try {
                    idleCheck = scheduler.schedule(this::idleCheck, wait, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }
        }
    }

    /** The one pending check for the idle timeout; it schedules the next one if still needed. */
    private void idleCheck() {
        synchronized (lifecycle) {
            idleCheck = null;
        }
        reconcile();
    }
}
