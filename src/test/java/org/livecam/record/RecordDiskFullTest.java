package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.JpegCodec;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.SmallFileSystem;
import org.livecam.testing.TestServer;

/**
 * Recording onto a small file system (a 20 MB tmpfs, mounted here as root): it never fills,
 * the oldest recordings go first (a segment at a time, each a 16th of the room, so most are kept), recording pauses when nothing is left to delete and resumes
 * by itself, and live publishing answers 200 throughout.
 */
class RecordDiskFullTest {
    private static final long MIN_FREE = 2L << 20;

    @TempDir
    Path dir;

    private SmallFileSystem small;
    private Path mount;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        small = SmallFileSystem.mount(dir.resolve("small"), "20m");
        mount = small.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (small != null) {
            small.close();
        }
    }

    /** Distinct JPEGs of noise, about 70 KB each, that fill a small disk fast. */
    private static List<byte[]> noise(int count) {
        Random random = new Random(7);
        List<byte[]> frames = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 240; y++) {
                for (int x = 0; x < 320; x++) {
                    image.setRGB(x, y, random.nextInt());
                }
            }
            frames.add(JpegCodec.encode(image, 0.9f));
        }
        return frames;
    }

    @Test
    void aSmallFileSystemNeverFillsAndLivePublishingGoesOn() throws Exception {
        RecordConfig record = new RecordConfig(Set.of(RecordConfig.ALL), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), MIN_FREE);
        List<byte[]> frames = noise(12);
        try (CapturedLog log = CapturedLog.of(Recorder.class);
             TestServer server = TestServer.start(mount, c -> c.withRecord(record))) {
            assertThat(server.publish("porch", frames.get(0)).statusCode()).isEqualTo(200);
            Await.until(() -> frames(server) > 0, Duration.ofSeconds(10), "the new camera recorded"); // '*' finds it within a second
            long firstRecorded = first(server);
            // Publish, each frame recorded before the next, until the disk is so full that the
            // oldest recordings had to go. The whole file system cannot hold this many frames.
            int smallest = frames.stream().mapToInt(f -> f.length).min().orElseThrow();
            long moreThanTheDiskHolds = Files.getFileStore(mount).getTotalSpace() / smallest;
            long leastFree = Long.MAX_VALUE;
            for (long i = 1; first(server) <= firstRecorded; i++) {
                assertThat(i).as("the oldest recordings deleted to keep the minimum free, within the %d frames the disk cannot hold",
                        moreThanTheDiskHolds).isLessThanOrEqualTo(moreThanTheDiskHolds);
                publishRecorded(server, frames.get((int) (i % frames.size())));
                leastFree = Math.min(leastFree, Files.getFileStore(mount).getUsableSpace());
            }
            long forRecordings = Files.getFileStore(mount).getTotalSpace() - MIN_FREE;
            assertThat(summary(server).getLong("bytes")).as("segments a 16th of the room: making room took one, not the whole archive")
                    .isGreaterThan(forRecordings / 2);
            int largest = frames.stream().mapToInt(f -> f.length).max().orElseThrow();
            assertThat(leastFree).as("free space never below the minimum less one frame").isGreaterThan(MIN_FREE - 200_000);
            assertThat(leastFree).as("recordings kept until the disk was nearly full").isLessThan(MIN_FREE + 3L * largest);
            assertThat(frames(server)).as("recording goes on").isPositive();
            assertThat(server.get("/cameras/porch/archive/frame.jpg?t=" + System.currentTimeMillis()).statusCode()).isEqualTo(200);

            // Something else fills the disk, taking what each deleted recording frees, until none is left.
            Path filler = mount.resolve("filler");
            Await.until(() -> {
                SmallFileSystem.fillUp(filler);
                assertThat(server.publish("porch", frames.get((int) (System.nanoTime() % frames.size()))).statusCode()).isEqualTo(200);
                return !log.lines("Recording paused").isEmpty();
            }, Duration.ofSeconds(20), "the pause said");
            assertThat(frames(server)).isZero();
            for (int i = 0; i < 10; i++) {
                assertThat(server.publish("porch", frames.get(i % frames.size())).statusCode()).isEqualTo(200);
            }
            assertThat(log.lines("Recording paused")).as("said once").hasSize(1);
            assertThat(server.get("/cameras/porch/snapshot.jpg").statusCode()).isEqualTo(200);

            Files.delete(filler);
            Await.until(() -> log.lines("Recording resumed").size() == 1, Duration.ofSeconds(10), "resumed by itself");
            Await.until(() -> {
                server.publish("porch", frames.get((int) (System.nanoTime() % frames.size())));
                return frames(server) > 0;
            }, Duration.ofSeconds(10), "recording again");
        }
    }

    /**
     * Publishes a frame and waits until the recorder has written it: the archive's summary changed
     * and holds frames (while the recorder deletes its only segment to make room the archive is
     * empty for a moment, before this frame goes into a new one).
     */
    private static void publishRecorded(TestServer server, byte[] jpeg) throws InterruptedException {
        JsonObject before = summary(server);
        assertThat(server.publish("porch", jpeg).statusCode()).isEqualTo(200);
        Await.until(() -> {
            JsonObject now = summary(server);
            return !now.equals(before) && now.getString("first") != null;
        }, Duration.ofSeconds(10), "the frame recorded");
    }

    /** The time of the oldest recorded frame kept, in epoch ms. */
    private static long first(TestServer server) {
        return java.time.Instant.parse(summary(server).getString("first")).toEpochMilli();
    }

    private static JsonObject summary(TestServer server) {
        return new JsonObject(new String(server.get("/cameras/porch/archive").body()));
    }

    /** Frames the camera has recorded; 0 before the recorder has found it. */
    private static long frames(TestServer server) {
        return summary(server).getLong("frames", 0L);
    }
}
