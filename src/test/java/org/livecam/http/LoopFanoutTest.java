package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Camera;
import org.livecam.frame.Jpeg;
import org.livecam.variant.FrameFeed;

/** Many viewers on one event loop cost one task per frame, not one each, and are still counted as people. */
class LoopFanoutTest {
    private static final int VIEWERS = 200;
    private static int published;

    /** A new frame each time: a copy of the frame before would not be sent again. */
    private static ByteBuffer jpeg() {
        int n = ++published;
        return ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) (n >> 8), (byte) n, (byte) 0xFF, (byte) 0xD9});
    }

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final AtomicInteger tasks = new AtomicInteger();
    /** The loop, counting every task scheduled on it. */
    private final LoopFanouts loop = new LoopFanouts(task -> {
        tasks.incrementAndGet();
        context.runOnContext(v -> task.run());
    }, PumpClock.of(vertx));

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    void aFrameWakesTheLoopOnceWhateverTheNumberOfViewersOnIt() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        List<List<Long>> written = new ArrayList<>();
        List<FramePump> pumps = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            List<Long> mine = new ArrayList<>(); // event loop only
            written.add(mine);
            FramePump pump = new FramePump(loop, openConnection(), frame -> mine.add(frame.sequence()), false);
            pumps.add(pump);
            onLoop(() -> pump.watch(camera, 0, FrameFeed.of(camera)));
        }
        assertThat(camera.audience()).as("people watching").isEqualTo(VIEWERS);
        assertThat(camera.demand()).as("subscribers: one fanout for the loop").isEqualTo(1);

        tasks.set(0);
        for (int frame = 1; frame <= 5; frame++) {
            camera.publish(jpeg(), new Jpeg.Size(1, 1));
            onLoop(() -> null);
        }
        assertThat(tasks.get()).as("tasks scheduled on the loop for 5 frames").isEqualTo(5);
        assertThat(written).allSatisfy(frames -> assertThat(frames).containsExactly(1L, 2L, 3L, 4L, 5L));

        onLoop(() -> {
            pumps.subList(0, VIEWERS / 2).forEach(FramePump::close);
            return null;
        });
        assertThat(camera.audience()).isEqualTo(VIEWERS / 2);
        onLoop(() -> {
            pumps.forEach(FramePump::close);
            return null;
        });
        assertThat(camera.audience()).isZero();
        assertThat(camera.demand()).as("the last viewer to leave takes the fanout with it").isZero();
    }

    @Test
    void aViewerJoiningALoopThatAlreadyWatchesGetsTheCurrentFrameAtOnce() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        camera.publish(jpeg(), new Jpeg.Size(1, 1));
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        onLoop(() -> new FramePump(loop, openConnection(), frame -> first.add(frame.sequence()), false)
                .watch(camera, 0, FrameFeed.of(camera)));
        onLoop(() -> new FramePump(loop, openConnection(), frame -> second.add(frame.sequence()), false)
                .watch(camera, 0, FrameFeed.of(camera)));
        assertThat(first).containsExactly(1L);
        assertThat(second).containsExactly(1L);
    }

    @Test
    void viewersOnTwoLoopsMakeTwoSubscribersAndOneTaskPerLoopPerFrame() throws Exception {
        Camera camera = new Camera("cam", Clock.systemUTC());
        Context otherContext = vertx.getOrCreateContext();
        AtomicInteger otherTasks = new AtomicInteger();
        LoopFanouts other = new LoopFanouts(task -> {
            otherTasks.incrementAndGet();
            otherContext.runOnContext(v -> task.run());
        }, PumpClock.of(vertx));
        for (int i = 0; i < 10; i++) {
            onLoop(() -> new FramePump(loop, openConnection(), frame -> { }, false).watch(camera, 0, FrameFeed.of(camera)));
            onLoop(() -> new FramePump(other, openConnection(), frame -> { }, false).watch(camera, 0, FrameFeed.of(camera)));
        }
        assertThat(camera.demand()).isEqualTo(2);
        assertThat(camera.audience()).isEqualTo(20);
        tasks.set(0);
        otherTasks.set(0);
        camera.publish(jpeg(), new Jpeg.Size(1, 1));
        onLoop(() -> null);
        assertThat(tasks.get()).isEqualTo(1);
        assertThat(otherTasks.get()).isEqualTo(1);
    }

    private static FramePump.Connection openConnection() {
        return new FramePump.Connection() {
            @Override
            public boolean writable() {
                return true;
            }

            @Override
            public void limitBuffers(int bytes) {
            }

            @Override
            public void restoreBuffers() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Runs {@code action} on the loop, then lets what it woke run. */
    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(action.get()));
        T value = result.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 2; i++) { // the fanout's task, then anything it woke
            CompletableFuture<Void> settled = new CompletableFuture<>();
            context.runOnContext(v -> settled.complete(null));
            settled.get(10, TimeUnit.SECONDS);
        }
        return value;
    }
}
