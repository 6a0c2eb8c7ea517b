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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.Await;

/** The pump without a socket: a connection that takes one frame and then reports itself full. */
class FramePumpTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private volatile boolean full;
    private final FramePump.Connection connection = new FramePump.Connection() {
        @Override
        public boolean writable() {
            return !full;
        }

        @Override
        public void limitBuffers(int bytes) {
        }

        @Override
        public void close() {
        }
    };
    private final FramePump.Transport transport = frame -> {
        written.add(frame.cameraId() + "#" + frame.sequence());
        full = true; // one frame fills the socket until the next drain
    };
    private final FramePump pump = new FramePump(context, connection, transport, false);

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
        assertThat(camera.stats().framesSent()).isEqualTo(1);
    }

    @Test
    void aQuietLaneRepeatsItsLastFrameOnceWhenThePumpRepeatsIdleFrames() throws Exception {
        FramePump repeating = new FramePump(context, connection, frame -> written.add(frame.cameraId() + "#" + frame.sequence()), true);
        Camera camera = new Camera("cam", Clock.systemUTC());
        FrameLane lane = onLoop(() -> repeating.open(camera, 0));
        lane.offer(frame("cam", 1));
        Await.until(() -> written.size() >= 2, Duration.ofSeconds(5), "the last frame repeated after a quiet second");
        Thread.sleep(1500); // the quiet run goes on: the subject is that nothing more comes
        assertThat(written).containsExactly("cam#1", "cam#1");
        assertThat(camera.stats().framesSent()).as("a repeat is not a new frame out").isEqualTo(1);

        lane.offer(frame("cam", 2));
        Await.until(() -> written.size() >= 4, Duration.ofSeconds(5), "a new run repeats its own last frame");
        assertThat(written).containsExactly("cam#1", "cam#1", "cam#2", "cam#2");
    }

    @Test
    void aPumpThatDoesNotRepeatIdleFramesSendsEachFrameOnce() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        FrameLane lane = onLoop(() -> pump.open(camera, 0));
        full = false;
        lane.offer(frame("cam", 1));
        Thread.sleep(1500); // a quiet second and more: the subject is that no repeat comes
        assertThat(written).containsExactly("cam#1");
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

    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(action.get()));
        T value = result.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> settled = new CompletableFuture<>(); // let woken pumps run first
        context.runOnContext(v -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        return value;
    }

    private static Frame frame(String camera, long seq) {
        byte[] bytes = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        return Frame.of(camera, seq, Instant.now(), new Jpeg.Size(1, 1), false, ByteBuffer.wrap(bytes));
    }
}
