package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Viewer;

/** The on-demand rules, with a source that only counts starts and stops and short idle times. */
class SourceRunnerTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final Camera camera = new Camera("cam", Clock.systemUTC());
    private final CountingSource source = new CountingSource();
    private final Viewer viewer = frame -> { };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private SourceRunner runner(boolean alwaysOn, Duration idle) {
        SourceRunner runner = new SourceRunner(camera, source, alwaysOn, idle, scheduler, Clock.systemUTC());
        runner.start();
        return runner;
    }

    @Test
    void sourceStartsWithTheFirstViewerAndStopsAfterTheIdleTimeout() throws Exception {
        SourceRunner runner = runner(false, Duration.ofSeconds(1));
        Thread.sleep(200);
        assertThat(source.starts.get()).as("nobody watches yet").isZero();

        camera.subscribe(viewer);
        Processes.await("the source to start", Duration.ofSeconds(5), () -> source.starts.get() == 1);
        camera.unsubscribe(viewer);
        assertThat(runner.running()).as("still running within the idle timeout").isTrue();
        Processes.await("the source to stop", Duration.ofSeconds(5), () -> source.stops.get() == 1);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void viewerReturningWithinTheIdleTimeoutKeepsTheSameRun() throws Exception {
        runner(false, Duration.ofSeconds(3));
        camera.subscribe(viewer);
        Processes.await("the source to start", Duration.ofSeconds(5), () -> source.starts.get() == 1);
        camera.unsubscribe(viewer);
        Thread.sleep(200);
        Viewer second = frame -> { };
        camera.subscribe(second);
        Thread.sleep(1500);
        assertThat(source.starts.get()).isEqualTo(1);
        assertThat(source.stops.get()).isZero();
        camera.unsubscribe(second);
        Processes.await("the source to stop", Duration.ofSeconds(10), () -> source.stops.get() == 1);
    }

    @Test
    void snapshotRequestWakesAColdSourceForTheIdleTime() {
        runner(false, Duration.ofMillis(300));
        assertThat(camera.requestFrame()).as("a source listens").isTrue();
        Processes.await("the source to start", Duration.ofSeconds(5), () -> source.starts.get() == 1);
        Processes.await("the source to stop", Duration.ofSeconds(5), () -> source.stops.get() == 1);
    }

    @Test
    void snapshotPollingKeepsOneIdleCheckPendingNotOnePerRequest() throws Exception {
        runner(false, Duration.ofSeconds(30));
        camera.requestFrame();
        Processes.await("the source to start", Duration.ofSeconds(5), () -> source.starts.get() == 1);
        for (int i = 0; i < 200; i++) { // Home Assistant polling the snapshot, sped up
            camera.requestFrame();
        }
        Thread.sleep(300); // let the scheduler run what the requests queued
        int pending = ((java.util.concurrent.ScheduledThreadPoolExecutor) scheduler).getQueue().size();
        assertThat(pending).as("tasks waiting on the scheduler after 200 snapshot requests").isLessThanOrEqualTo(2);
    }

    @Test
    void alwaysOnRunsWithoutViewersUntilClosed() throws Exception {
        SourceRunner runner = runner(true, Duration.ofMillis(100));
        Processes.await("the source to start", Duration.ofSeconds(5), () -> source.starts.get() == 1);
        camera.subscribe(viewer);
        camera.unsubscribe(viewer);
        Thread.sleep(500);
        assertThat(source.stops.get()).isZero();
        runner.close();
        assertThat(source.stops.get()).isEqualTo(1);
        assertThat(camera.requestFrame()).as("no listener after close").isFalse();
    }

    private static final class CountingSource implements FrameSource {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void start(FrameSink sink) {
            starts.incrementAndGet();
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }

        @Override
        public String describe() {
            return "counting";
        }
    }
}
