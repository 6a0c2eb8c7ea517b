package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.ManualClock;
import org.livecam.testing.ManualScheduler;
import org.livecam.variant.FrameFeed;

/** The pump without a socket: a connection that takes one frame and then reports itself full. */
class FramePumpTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private volatile boolean full;
    private final List<String> buffers = new CopyOnWriteArrayList<>();
    private final FramePump.Connection connection = new FramePump.Connection() {
        @Override
        public boolean writable() {
            return !full;
        }

        @Override
        public void limitBuffers(int bytes) {
            buffers.add("limited to " + bytes);
        }

        @Override
        public void restoreBuffers() {
            buffers.add("restored");
        }

        @Override
        public void close() {
        }
    };
    private final FramePump.Transport transport = frame -> {
        written.add(frame.cameraId() + "#" + frame.sequence());
        full = true; // one frame fills the socket until the next drain
    };
    private final FramePump pump = new FramePump(LoopFanouts.on(context), connection, transport, false);
    private final ManualClock time = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(time);
    private final PumpClock manualTime = new PumpClock() {
        @Override
        public long nanoTime() {
            Instant now = time.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public Runnable schedule(long delayMillis, Runnable task) {
            ScheduledFuture<?> scheduled = scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        }
    };

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void busyLaneCannotStarveAQuietOneWhenTheSocketDrainsSlowly() throws Exception {
        Camera busy = new Camera("busy", Clock.systemUTC());
        Camera quiet = new Camera("quiet", Clock.systemUTC());
        FrameLane busyLane = onLoop(() -> pump.open(busy, 0));
        FrameLane quietLane = onLoop(() -> pump.open(quiet, 0));
        busyLane.offer(frame("busy", 1));
        quietLane.offer(frame("quiet", 1));
        for (long seq = 2; seq <= 5; seq++) {
            busyLane.offer(frame("busy", seq)); // the busy camera always has a newer frame waiting
            onLoop(() -> {
                full = false; // the drain handler
                pump.pump();
                return null;
            });
        }
        assertThat(written).contains("quiet#1");
        assertThat(written.indexOf("quiet#1")).isLessThanOrEqualTo(1);
    }

    @Test
    void laneKeepsOnlyTheNewestFrameWhileTheSocketIsFull() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        FrameLane lane = onLoop(() -> pump.open(camera, 0));
        full = true;
        for (long seq = 1; seq <= 10; seq++) {
            lane.offer(frame("cam", seq));
        }
        onLoop(() -> {
            full = false;
            pump.pump();
            return null;
        });
        assertThat(written).containsExactly("cam#10");
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).framesSent()).isEqualTo(1);
    }

    @Test
    void aStillCameraHasItsLastFrameRepeatedEverySecondButNotCountedAsSent() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        publish(camera);
        onLoop(() -> null);
        assertThat(written).containsExactly("cam#1");

        advance(Duration.ofMillis(999));
        assertThat(written).as("nothing before a quiet second").containsExactly("cam#1");
        advance(Duration.ofMillis(1));
        assertThat(written).containsExactly("cam#1", "cam#1");
        advance(Duration.ofSeconds(3));
        assertThat(written).as("one repeat a second while the camera stays still")
                .containsExactly("cam#1", "cam#1", "cam#1", "cam#1", "cam#1");
        assertThat(camera.stats(Camera.DEFAULT_STALE_AFTER).framesSent()).as("a repeat is not a new frame out").isEqualTo(1);

        advance(Duration.ofMillis(500));
        publish(camera);
        onLoop(() -> null);
        advance(Duration.ofMillis(999));
        assertThat(written).as("a new frame restarts the quiet second").endsWith("cam#1", "cam#2");
        advance(Duration.ofMillis(1));
        assertThat(written).endsWith("cam#2", "cam#2");
    }

    @Test
    void aCameraFasterThanOneFrameASecondGetsNoRepeats() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        for (long seq = 1; seq <= 5; seq++) {
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofMillis(900));
        }
        assertThat(written).containsExactly("cam#1", "cam#2", "cam#3", "cam#4", "cam#5");
    }

    @Test
    void aOneFrameASecondCameraIsSentOnceASecondNotTwice() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        for (int second = 0; second < 3; second++) { // its pace is learnt from the first frames
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofSeconds(1));
        }
        written.clear();
        for (int second = 0; second < 10; second++) {
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofMillis(second % 2 == 0 ? 1080 : 920)); // a real camera's jitter
        }
        assertThat(written).as("ten seconds of a 1 fps camera: its ten frames, no repeats between them")
                .containsExactly("cam#4", "cam#5", "cam#6", "cam#7", "cam#8", "cam#9", "cam#10", "cam#11", "cam#12", "cam#13");
    }

    @Test
    void aOneFrameASecondCameraThatStopsHasItsLastFrameRepeatedOnceLateAndThenOnceASecond() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        for (int second = 0; second < 5; second++) {
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofSeconds(1));
        }
        written.clear();
        advance(Duration.ofMillis(499));
        assertThat(written).as("the next frame was due: nothing repeated yet").isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(written).as("1.5 s without the frame due after 1 s: the last one again").containsExactly("cam#5");
        advance(Duration.ofSeconds(3));
        assertThat(written).hasSize(4);
    }

    @Test
    void aCameraSlowerThanOneFrameASecondHasEachFrameRepeatedOnceASecondAfterIt() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        for (int frame = 0; frame < 4; frame++) { // one frame every 2.5 s
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofMillis(2500));
        }
        assertThat(written).as("each frame once more a second after it (Chrome draws a part when the next comes), "
                        + "and no more often than the camera's own pace")
                .containsExactly("cam#1", "cam#1", "cam#1", "cam#2", "cam#2", "cam#3", "cam#3", "cam#4", "cam#4");
    }

    @Test
    void aRepeatWaitsForRoomAndANewerFrameTakesItsPlace() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> repeating.watch(camera, 0, FrameFeed.of(camera)));
        publish(camera);
        onLoop(() -> null);
        full = true; // a slow viewer: its socket takes nothing for seconds
        advance(Duration.ofSeconds(5));
        assertThat(written).containsExactly("cam#1");
        publish(camera);
        onLoop(() -> {
            full = false;
            repeating.pump();
            return null;
        });
        assertThat(written).containsExactly("cam#1", "cam#2");
    }

    @Test
    void aRepeatNeverComesFasterThanTheViewersFpsCap() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> repeating.watch(camera, 0.25, FrameFeed.of(camera)));
        publish(camera);
        onLoop(() -> null);
        advance(Duration.ofMillis(3999));
        assertThat(written).containsExactly("cam#1");
        advance(Duration.ofMillis(1));
        assertThat(written).containsExactly("cam#1", "cam#1");
    }

    @Test
    void aPumpThatDoesNotRepeatIdleFramesSendsEachFrameOnce() throws Exception {
        FramePump still = new FramePump(manualLoop(), connection, this::record, false);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> still.watch(camera, 0, FrameFeed.of(camera)));
        publish(camera);
        onLoop(() -> null);
        advance(Duration.ofSeconds(5));
        assertThat(written).containsExactly("cam#1");
    }

    @Test
    void aClosedLaneCancelsItsFpsAndRepeatTimersAndNeverWritesAgain() throws Exception {
        FramePump repeating = new FramePump(manualLoop(), connection, this::record, true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        Runnable lane = onLoop(() -> repeating.watch(camera, 1, FrameFeed.of(camera)));
        publish(camera);
        onLoop(() -> null);
        publish(camera); // held back by the 1 fps cap until the fps timer fires
        onLoop(() -> null);
        assertThat(scheduler.pending()).as("the fps timer and the idle-repeat timer").isEqualTo(2);

        onLoop(() -> {
            lane.run();
            return null;
        });
        assertThat(scheduler.pending()).as("timers left after close").isZero();
        advance(Duration.ofSeconds(10));
        assertThat(written).containsExactly("cam#1");
    }

    @Test
    void aViewerStalledForTwoSecondsGetsSmallBuffersThenItsNormalOnesBackOnceItKeepsUpAgain() throws Exception {
        FramePump slowable = new FramePump(manualLoop(), connection, transport, false);
        Camera camera = new Camera("cam", Clock.systemUTC());
        onLoop(() -> slowable.watch(camera, 0, FrameFeed.of(camera)));
        for (int frame = 0; frame < 10; frame++) { // a second of a healthy viewer: each frame drains at once
            publish(camera);
            onLoop(() -> null);
            drain(slowable);
            advance(Duration.ofMillis(100));
        }
        assertThat(buffers).as("a viewer that keeps up keeps its buffers").isEmpty();

        for (int frame = 0; frame < 20; frame++) { // it stops reading for 2 s while frames keep coming
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofMillis(100));
        }
        assertThat(buffers).containsExactly("limited to " + FramePump.SLOW_BUFFER_BYTES);

        written.clear();
        for (int frame = 0; frame < 15; frame++) { // reading again: each frame drains within the next 100 ms
            drain(slowable);
            if (frame == 5) {
                assertThat(buffers).as("half a second of keeping up is not yet enough").hasSize(1);
            }
            publish(camera);
            onLoop(() -> null);
            advance(Duration.ofMillis(100));
        }
        assertThat(written).as("every frame since it reads again").hasSize(15);
        assertThat(buffers).containsExactly("limited to " + FramePump.SLOW_BUFFER_BYTES, "restored");
    }

    /** The socket has room again, as the connection's drain wake-up says. */
    private void drain(FramePump target) throws Exception {
        onLoop(() -> {
            full = false;
            target.pump();
            return null;
        });
    }

    @Test
    void closingThePumpUnsubscribesEveryLaneFromItsFeed() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        onLoop(() -> pump.watch(camera, 0, org.livecam.variant.FrameFeed.of(camera)));
        assertThat(camera.demand()).isEqualTo(1);
        onLoop(() -> {
            pump.close();
            return null;
        });
        assertThat(camera.demand()).isZero();
    }

    /** The test's event loop, timed by the manual clock. */
    private LoopFanouts manualLoop() {
        return new LoopFanouts(task -> context.runOnContext(v -> task.run()), manualTime);
    }

    /** Writes without filling the socket, as a fast viewer's would. */
    private void record(Frame frame) {
        written.add(frame.cameraId() + "#" + frame.sequence());
    }

    /** Moves the pump's time on its event loop, running the timers that fall due on the way. */
    private void advance(Duration step) throws Exception {
        onLoop(() -> {
            scheduler.advance(step);
            return null;
        });
    }

    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(action.get()));
        T value = result.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> settled = new CompletableFuture<>(); // let woken pumps run first
        context.runOnContext(v -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        return value;
    }

    /** The camera's next frame, handed to its viewers. */
    private static int published;

    /** A new frame each time: a copy of the frame before would not be sent again. */
    private static void publish(Camera camera) {
        int n = ++published;
        camera.publish(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) (n >> 8), (byte) n, (byte) 0xFF, (byte) 0xD9}),
                new Jpeg.Size(1, 1));
    }

    private static Frame frame(String camera, long seq) {
        byte[] bytes = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        return Frame.of(camera, seq, Instant.now(), new Jpeg.Size(1, 1), false, ByteBuffer.wrap(bytes));
    }
}
