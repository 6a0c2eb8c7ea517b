package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Viewer;
import org.livecam.testing.ManualClock;
import org.livecam.testing.ManualScheduler;

/** The on-demand rules, on a manual clock and scheduler, with a source that only counts starts and stops. */
class SourceRunnerTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Camera camera = new Camera("cam", clock);
    private final CountingSource source = new CountingSource();
    private final Viewer viewer = frame -> { };

    private SourceRunner runner(boolean alwaysOn, Duration idle) {
        SourceRunner runner = new SourceRunner(camera, source, alwaysOn, idle, scheduler, clock);
        runner.start();
        scheduler.runDue();
        return runner;
    }

    @Test
    void sourceStartsWithTheFirstViewerAndStopsAfterTheIdleTimeout() {
        SourceRunner runner = runner(false, Duration.ofSeconds(1));
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(source.starts.get()).as("nobody watches yet").isZero();

        camera.subscribe(viewer);
        scheduler.runDue();
        assertThat(source.starts.get()).isEqualTo(1);
        camera.unsubscribe(viewer);
        scheduler.advance(Duration.ofMillis(990));
        assertThat(runner.running()).as("still running within the idle timeout").isTrue();
        scheduler.advance(Duration.ofMillis(30));
        assertThat(source.stops.get()).isEqualTo(1);
        assertThat(runner.running()).isFalse();
    }

    @Test
    void viewerReturningWithinTheIdleTimeoutKeepsTheSameRun() {
        runner(false, Duration.ofSeconds(3));
        camera.subscribe(viewer);
        scheduler.runDue();
        camera.unsubscribe(viewer);
        scheduler.advance(Duration.ofMillis(200));
        Viewer second = frame -> { };
        camera.subscribe(second);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(source.starts.get()).isEqualTo(1);
        assertThat(source.stops.get()).isZero();

        camera.unsubscribe(second);
        scheduler.advance(Duration.ofMillis(2990));
        assertThat(source.stops.get()).as("the idle time starts again when the second viewer leaves").isZero();
        scheduler.advance(Duration.ofMillis(30));
        assertThat(source.stops.get()).isEqualTo(1);
    }

    @Test
    void snapshotRequestWakesAColdSourceForTheIdleTime() {
        runner(false, Duration.ofMillis(300));
        assertThat(camera.requestFrame()).as("a source listens").isTrue();
        scheduler.runDue();
        assertThat(source.starts.get()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(290));
        assertThat(source.stops.get()).isZero();
        scheduler.advance(Duration.ofMillis(30));
        assertThat(source.stops.get()).isEqualTo(1);
    }

    @Test
    void snapshotPollingKeepsOneIdleCheckPendingNotOnePerRequest() {
        runner(false, Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) { // Home Assistant polling the snapshot, sped up
            camera.requestFrame();
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(source.starts.get()).isEqualTo(1);
        assertThat(source.stops.get()).isZero();
        assertThat(scheduler.pending()).as("tasks waiting on the scheduler after 200 snapshot requests").isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(31));
        assertThat(source.stops.get()).as("the last request's idle time ran out").isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void alwaysOnRunsWithoutViewersUntilClosed() {
        SourceRunner runner = runner(true, Duration.ofMillis(100));
        assertThat(source.starts.get()).isEqualTo(1);
        camera.subscribe(viewer);
        camera.unsubscribe(viewer);
        scheduler.advance(Duration.ofMinutes(1));
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
