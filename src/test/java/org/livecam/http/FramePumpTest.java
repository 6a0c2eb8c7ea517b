package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;

/** The pump without a socket: an output that takes one frame and then reports itself full. */
class FramePumpTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<String> written = new ArrayList<>();
    private boolean full;
    private final FramePump pump = new FramePump(context, new FramePump.Output() {
        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void write(FramePump.Lane lane, Frame frame) {
            written.add(frame.cameraId() + "#" + frame.sequence());
            full = true; // one frame fills the socket until the next drain
        }
    });

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void busyLaneCannotStarveAQuietOneWhenTheSocketDrainsSlowly() throws Exception {
        Camera busy = new Camera("busy", Clock.systemUTC());
        Camera quiet = new Camera("quiet", Clock.systemUTC());
        FramePump.Lane busyLane = onLoop(() -> pump.open(busy, 0));
        FramePump.Lane quietLane = onLoop(() -> pump.open(quiet, 0));
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
        FramePump.Lane lane = onLoop(() -> pump.open(camera, 0));
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
