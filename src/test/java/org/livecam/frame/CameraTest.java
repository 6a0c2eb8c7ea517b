package org.livecam.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livecam.testing.ManualClock;
import org.livecam.testing.TestJpegs;

class CameraTest {
    private final ManualClock clock = new ManualClock();
    private final Camera camera = new Camera("cam", clock);

    @Test
    void sequenceGrowsByOneWithEveryFrame() {
        assertThat(publish(Color.RED).sequence()).isEqualTo(1);
        assertThat(publish(Color.GREEN).sequence()).isEqualTo(2);
        assertThat(publish(Color.BLUE).sequence()).isEqualTo(3);
        assertThat(camera.latest().sequence()).isEqualTo(3);
    }

    @Test
    void aFrameKeepsItsBytesSizeAndArrivalTime() {
        byte[] jpeg = TestJpegs.solid(80, 60, Color.RED);
        Frame frame = camera.publish(ByteBuffer.wrap(jpeg), new Jpeg.Size(80, 60));
        assertThat(frame.toByteArray()).isEqualTo(jpeg);
        assertThat(frame.width()).isEqualTo(80);
        assertThat(frame.height()).isEqualTo(60);
        assertThat(frame.receivedAt()).isEqualTo(clock.instant());
        assertThat(frame.restored()).isFalse();
        jpeg[100] ^= 0x55;
        assertThat(frame.toByteArray()).as("the frame owns a copy").isNotEqualTo(jpeg);
    }

    @Test
    void aNewViewerGetsTheCurrentFrameAtOnce() {
        Frame current = publish(Color.RED);
        List<Frame> seen = new ArrayList<>();
        camera.subscribe(seen::add);
        assertThat(seen).containsExactly(current);
    }

    @Test
    void aViewerBeforeTheFirstFrameGetsNothingUntilOneIsPublished() {
        List<Frame> seen = new ArrayList<>();
        camera.subscribe(seen::add);
        assertThat(seen).isEmpty();
        Frame first = publish(Color.RED);
        assertThat(seen).containsExactly(first);
    }

    @Test
    void everyViewerIsOfferedEveryFrameUntilItUnsubscribes() {
        List<Frame> a = new ArrayList<>();
        List<Frame> b = new ArrayList<>();
        Viewer viewerA = a::add;
        camera.subscribe(viewerA);
        camera.subscribe(b::add);
        assertThat(camera.demand()).isEqualTo(2);
        Frame one = publish(Color.RED);
        camera.unsubscribe(viewerA);
        Frame two = publish(Color.GREEN);
        assertThat(a).containsExactly(one);
        assertThat(b).containsExactly(one, two);
        assertThat(camera.demand()).isEqualTo(1);
    }

    @Test
    void aFeedWatchingForOthersCountsOnceInDemandAndAsItsPeopleInTheAudience() {
        int[] people = {2};
        Viewer feed = new Viewer() {
            @Override
            public void offer(Frame frame) {
            }

            @Override
            public int audience() {
                return people[0];
            }
        };
        camera.subscribe(feed);
        camera.subscribe(frame -> { });
        assertThat(camera.demand()).as("subscribers keeping the source running").isEqualTo(2);
        assertThat(camera.audience()).as("people: two behind the feed, one direct").isEqualTo(3);
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).audience()).isEqualTo(3);

        people[0] = 0;
        assertThat(camera.demand()).as("a feed nobody watches yet still keeps the source running").isEqualTo(2);
        assertThat(camera.audience()).isEqualTo(1);
    }

    @Test
    void demandListenersHearEverySubscriberJoinAndLeave() {
        List<Integer> demand = new ArrayList<>();
        camera.addDemandListener(new Camera.DemandListener() {
            @Override
            public void viewersChanged(Camera c) {
                demand.add(c.demand());
            }

            @Override
            public void frameRequested(Camera c) {
            }
        });
        Viewer feed = new Viewer() {
            @Override
            public void offer(Frame frame) {
            }

            @Override
            public int audience() {
                return 0;
            }
        };
        camera.subscribe(feed);
        camera.unsubscribe(feed);
        assertThat(demand).containsExactly(1, 0);
    }

    @Test
    void aRestoredFrameIsStaleAndTheNextLiveFrameContinuesItsSequence() {
        Frame stored = Frame.of("cam", 41, clock.instant().minusSeconds(3600), new Jpeg.Size(80, 60), false,
                ByteBuffer.wrap(TestJpegs.solid(80, 60, Color.RED)));
        camera.restore(stored);
        assertThat(camera.latest().restored()).isTrue();
        assertThat(camera.latest().sequence()).isEqualTo(41);
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).frameAgeMillis()).isEqualTo(3_600_000);

        Frame live = publish(Color.GREEN);
        assertThat(live.sequence()).isEqualTo(42);
        assertThat(live.restored()).isFalse();
        assertThat(camera.latest()).isSameAs(live);
    }

    @Test
    void aRestoredFrameYieldsToALiveOneThatCameFirst() {
        Frame live = publish(Color.GREEN);
        camera.restore(Frame.of("cam", 99, clock.instant(), new Jpeg.Size(80, 60), false,
                ByteBuffer.wrap(TestJpegs.solid(80, 60, Color.RED))));
        assertThat(camera.latest()).isSameAs(live);
    }

    @Test
    void statsCountFramesInAndOutOverWholeSeconds() {
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 4; i++) {
                Frame frame = publish(Color.RED);
                camera.countSent(frame);
                camera.countSent(frame);
                clock.advance(Duration.ofMillis(250));
            }
        }
        CameraStats stats = camera.stats(Camera.DEFAULT_STALE_AFTER);
        assertThat(stats.fpsIn()).isEqualTo(4.0);
        assertThat(stats.fpsOut()).isEqualTo(8.0);
        assertThat(stats.framesPublished()).isEqualTo(20);
        assertThat(stats.framesSent()).isEqualTo(40);
    }

    @Test
    void aPublishedFrameClearsTheOfflineReason() {
        camera.markOffline("source failed");
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).offlineReason()).isEqualTo("source failed");
        publish(Color.RED);
        assertThat(camera.offlineReason()).isNull();
    }

    @Test
    void aCameraIsLiveAtItsPaceAndStaleAfterThreeMissedIntervals() {
        publishEvery(Duration.ofMillis(500), 6);
        clock.advance(Duration.ofMillis(1400));
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.LIVE);
        clock.advance(Duration.ofMillis(200));
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.STALE);
        assertThat(camera.isStale(Duration.ofSeconds(10))).isTrue();
        assertThat(camera.stats(Duration.ofSeconds(10)).frameAgeMillis()).isEqualTo(1600);
    }

    @Test
    void aFastCameraGetsAtLeastASecondOfSilence() {
        publishEvery(Duration.ofMillis(40), 20);
        clock.advance(Duration.ofMillis(900));
        assertThat(camera.isStale(Duration.ofSeconds(10))).isFalse();
        clock.advance(Duration.ofMillis(200));
        assertThat(camera.isStale(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aSlowCameraIsStaleAfterTheLimitWhateverItsPace() {
        publishEvery(Duration.ofSeconds(5), 4);
        clock.advance(Duration.ofMillis(9_900));
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.LIVE);
        clock.advance(Duration.ofMillis(200));
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.STALE);
        assertThat(camera.state(Duration.ofSeconds(30))).as("a longer limit waits for three intervals").isEqualTo(CameraState.LIVE);
    }

    @Test
    void aSingleFrameIsLiveUntilTheLimit() {
        publish(Color.RED);
        clock.advance(Duration.ofMillis(2_999));
        assertThat(camera.state(Duration.ofSeconds(3))).isEqualTo(CameraState.LIVE);
        clock.advance(Duration.ofMillis(2));
        assertThat(camera.state(Duration.ofSeconds(3))).isEqualTo(CameraState.STALE);
    }

    @Test
    void aCameraThatResumesIsLiveAgainAtOnce() {
        publishEvery(Duration.ofMillis(200), 5);
        clock.advance(Duration.ofMinutes(12));
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).state()).isEqualTo(CameraState.STALE);
        publish(Color.GREEN);
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).state()).isEqualTo(CameraState.LIVE);
    }

    @Test
    void stateIsWaitingBeforeTheFirstFrameStaleForARestoredOneAndOfflineAboveAll() {
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.WAITING);
        assertThat(camera.isStale(Duration.ofSeconds(10))).as("no frame is not a stale frame").isFalse();
        camera.restore(Frame.of("cam", 7, clock.instant(), new Jpeg.Size(80, 60), false,
                ByteBuffer.wrap(TestJpegs.solid(80, 60, Color.RED))));
        assertThat(camera.state(Duration.ofSeconds(10))).as("kept from an earlier run").isEqualTo(CameraState.STALE);
        camera.markOffline("source failed");
        assertThat(camera.state(Duration.ofSeconds(10))).isEqualTo(CameraState.OFFLINE);
        assertThat(camera.isStale(Duration.ofSeconds(10))).as("its picture is stale all the same").isTrue();
    }

    @Test
    void anIdenticalFrameIsCountedButNotOfferedAndTakesNoSequence() {
        List<Frame> seen = new ArrayList<>();
        camera.subscribe(seen::add);
        Frame first = publish(Color.RED);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            assertThat(publish(Color.RED)).as("the latest frame stands").isSameAs(first);
        }
        assertThat(seen).containsExactly(first);
        assertThat(camera.latest()).isSameAs(first);
        CameraStats stats = camera.stats(Camera.DEFAULT_STALE_AFTER);
        assertThat(stats.framesPublished()).isEqualTo(6);
        assertThat(stats.framesIdentical()).isEqualTo(5);
        assertThat(stats.frameAgeMillis()).as("from the last copy's arrival").isZero();

        Frame changed = publish(Color.GREEN);
        assertThat(changed.sequence()).isEqualTo(2);
        assertThat(seen).containsExactly(first, changed);
    }

    @Test
    void identicalFramesKeepTheCameraLive() {
        publish(Color.RED);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMillis(500));
            publish(Color.RED);
        }
        assertThat(camera.state(Duration.ofSeconds(3))).as("15 s after the frame first came, copies still coming").isEqualTo(CameraState.LIVE);
        clock.advance(Duration.ofMillis(1600));
        assertThat(camera.state(Duration.ofSeconds(3))).as("and stale once they stop").isEqualTo(CameraState.STALE);
    }

    @Test
    void aFrameEqualToARestoredOneIsLiveAndTakesTheNextSequence() {
        byte[] jpeg = TestJpegs.solid(80, 60, Color.RED);
        camera.restore(Frame.of("cam", 7, clock.instant().minusSeconds(60), new Jpeg.Size(80, 60), false, ByteBuffer.wrap(jpeg)));
        Frame live = camera.publish(ByteBuffer.wrap(jpeg), new Jpeg.Size(80, 60));
        assertThat(live.sequence()).isEqualTo(8);
        assertThat(live.restored()).isFalse();
        assertThat(camera.state(Camera.DEFAULT_STALE_AFTER)).isEqualTo(CameraState.LIVE);
    }

    @Test
    void aFrameOfTheSameLengthWithOtherBytesIsNew() {
        byte[] jpeg = TestJpegs.solid(80, 60, Color.RED);
        byte[] other = jpeg.clone();
        other[other.length - 3] ^= 0x01; // inside the entropy-coded data, before EOI
        Frame first = camera.publish(ByteBuffer.wrap(jpeg), new Jpeg.Size(80, 60));
        Frame second = camera.publish(ByteBuffer.wrap(other), new Jpeg.Size(80, 60));
        assertThat(second).isNotSameAs(first);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).framesIdentical()).isZero();
    }

    private void publishEvery(Duration interval, int frames) {
        for (int i = 0; i < frames; i++) {
            if (i > 0) {
                clock.advance(interval);
            }
            publish(Color.RED);
        }
    }

    private Frame publish(Color color) {
        return camera.publish(ByteBuffer.wrap(TestJpegs.solid(80, 60, color)), new Jpeg.Size(80, 60));
    }
}
