package org.livecam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Camera;
import org.livecam.frame.Cameras;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;

/** Write-behind: one database write per camera per interval, not one per frame, and one at stop. */
class LatestFrameWriterTest {
    @TempDir
    Path data;

    private final Cameras cameras = new Cameras(Clock.systemUTC());
    private final byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
    private final byte[] other = TestJpegs.solid(64, 48, Color.GREEN); // a frame identical to the one before is not new

    @Test
    void aBurstOfFramesCostsOneWriteOfTheNewest() throws Exception {
        CountingStore store = new CountingStore(SqliteFrameStore.open(data));
        LatestFrameWriter writer = new LatestFrameWriter(cameras, store);
        Camera camera = cameras.getOrCreate("burst");
        for (int i = 0; i < 50; i++) {
            camera.publish(ByteBuffer.wrap(i % 2 == 0 ? jpeg : other), new Jpeg.Size(64, 48));
        }
        writer.saveChanged();
        writer.saveChanged();
        assertThat(store.saved).extracting(Frame::sequence).containsExactly(50L);

        camera.publish(ByteBuffer.wrap(jpeg), new Jpeg.Size(64, 48));
        writer.close();
        assertThat(store.saved).extracting(Frame::sequence).containsExactly(50L, 51L);
    }

    @Test
    void aRestoredFrameIsNotWrittenBackUnchanged() throws Exception {
        try (SqliteFrameStore first = SqliteFrameStore.open(data)) {
            first.saveLatest(Frame.of("porch", 9, java.time.Instant.now(), new Jpeg.Size(64, 48), false, ByteBuffer.wrap(jpeg)));
        }
        CountingStore store = new CountingStore(SqliteFrameStore.open(data));
        LatestFrameWriter writer = new LatestFrameWriter(cameras, store);
        assertThat(writer.restore()).isEqualTo(1);
        assertThat(cameras.get("porch")).hasValueSatisfying(c -> assertThat(c.latest().restored()).isTrue());
        writer.close();
        assertThat(store.saved).isEmpty();
    }

    @Test
    void framesAreSavedWhileRunningNotOnlyAtStop() throws Exception {
        CountingStore store = new CountingStore(SqliteFrameStore.open(data));
        LatestFrameWriter writer = new LatestFrameWriter(cameras, store);
        writer.start(Duration.ofMillis(100));
        try {
            cameras.getOrCreate("running").publish(ByteBuffer.wrap(jpeg), new Jpeg.Size(64, 48));
            Await.until(() -> !store.saved.isEmpty(), Duration.ofSeconds(10), "the frame to be written behind");
            try (SqliteFrameStore reader = SqliteFrameStore.open(data)) { // a second connection sees it (a crash would keep it)
                assertThat(reader.loadLatest()).extracting(Frame::cameraId).containsExactly("running");
            }
        } finally {
            writer.close();
        }
    }

    /** The real store, remembering what it was asked to save. */
    private static final class CountingStore implements FrameStore {
        private final FrameStore store;
        final List<Frame> saved = new CopyOnWriteArrayList<>();

        CountingStore(FrameStore store) {
            this.store = store;
        }

        @Override
        public List<Frame> loadLatest() throws StoreException {
            return store.loadLatest();
        }

        @Override
        public void saveLatest(Frame frame) throws StoreException {
            saved.add(frame);
            store.saveLatest(frame);
        }

        @Override
        public void forget(String cameraId) throws StoreException {
            store.forget(cameraId);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
