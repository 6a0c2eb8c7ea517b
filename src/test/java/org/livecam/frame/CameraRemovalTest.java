package org.livecam.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.livecam.testing.ManualClock;

/** Cameras.remove: the camera's viewers are told once, latecomers at once, and the id starts afresh. */
class CameraRemovalTest {
    private final Cameras cameras = new Cameras(new ManualClock());

    private static final class EndCounter implements Viewer {
        final AtomicInteger ended = new AtomicInteger();

        @Override
        public void offer(Frame frame) {
        }

        @Override
        public void ended() {
            ended.incrementAndGet();
        }
    }

    @Test
    void everyViewerIsToldOnceAndLetGo() {
        Camera camera = cameras.getOrCreate("yard");
        EndCounter a = new EndCounter();
        EndCounter b = new EndCounter();
        camera.subscribe(a);
        camera.subscribe(b);

        assertThat(cameras.remove("yard")).isTrue();
        assertThat(a.ended).hasValue(1);
        assertThat(b.ended).hasValue(1);
        assertThat(camera.demand()).isZero();
        assertThat(camera.ended()).isTrue();
        assertThat(cameras.get("yard")).isEmpty();
        assertThat(cameras.remove("yard")).as("already gone").isFalse();
    }

    @Test
    void aViewerThatArrivesAfterTheRemovalIsToldAtOnceAndNotCounted() {
        Camera camera = cameras.getOrCreate("yard");
        cameras.remove("yard");
        EndCounter late = new EndCounter();
        camera.subscribe(late);
        assertThat(late.ended).hasValue(1);
        assertThat(camera.demand()).isZero();
    }

    @Test
    void theSameIdLaterIsANewCamera() {
        Camera old = cameras.getOrCreate("yard");
        cameras.remove("yard");
        Camera fresh = cameras.getOrCreate("yard");
        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.ended()).isFalse();
    }
}
