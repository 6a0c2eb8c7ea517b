package org.livecam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.TestJpegs;

class SqliteFrameStoreTest {
    @TempDir
    Path data;

    @Test
    void keepsOneLatestFramePerCameraAcrossReopening() throws Exception {
        Frame a1 = frame("a", 1, Color.RED);
        Frame a2 = frame("a", 2, Color.GREEN);
        Frame b7 = frame("b", 7, Color.BLUE);
        try (SqliteFrameStore store = SqliteFrameStore.open(data.resolve("nested"))) {
            store.saveLatest(a1);
            store.saveLatest(b7);
            store.saveLatest(a2);
        }
        try (SqliteFrameStore store = SqliteFrameStore.open(data.resolve("nested"))) {
            List<Frame> frames = store.loadLatest();
            assertThat(frames).extracting(Frame::cameraId).containsExactly("a", "b");
            Frame a = frames.get(0);
            assertThat(a.sequence()).isEqualTo(2);
            assertThat(a.toByteArray()).isEqualTo(a2.toByteArray());
            assertThat(a.receivedAt()).isEqualTo(a2.receivedAt());
            assertThat(a.width()).isEqualTo(64);
            assertThat(a.height()).isEqualTo(48);
        }
    }

    @Test
    void aStoredRowThatIsNoLongerAJpegIsSkippedNotServed() throws Exception {
        try (SqliteFrameStore store = SqliteFrameStore.open(data)) {
            store.saveLatest(frame("good", 1, Color.RED));
            store.saveLatest(frame("broken", 1, Color.RED));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteFrameStore.FILE_NAME));
             Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE latest_frame SET jpeg = x'0102030405' WHERE camera = 'broken'");
        }
        try (SqliteFrameStore store = SqliteFrameStore.open(data)) {
            assertThat(store.loadLatest()).extracting(Frame::cameraId).containsExactly("good");
        }
    }

    private static Frame frame(String camera, long sequence, Color color) {
        return Frame.of(camera, sequence, Instant.ofEpochMilli(1_700_000_000_000L + sequence), new Jpeg.Size(64, 48), false,
                ByteBuffer.wrap(TestJpegs.solid(64, 48, color)));
    }
}
