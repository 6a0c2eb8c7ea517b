package org.livecam.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.JpegCodec;
import org.livecam.testing.Await;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.TestServer;

/**
 * A WebSocket replay viewer that stops reading holds the replay back: the server reads and
 * writes a frame only when the socket has room, so it never queues the range in memory. The
 * range (about 30 MB of noise JPEGs) is many times what the loopback socket buffers hold; the
 * viewer's receive buffer is 16 KB. Each frame's preamble says when the server wrote it.
 */
class ReplayBackPressureTest {
    private static final int FRAMES = 100;

    @TempDir
    Path dir;

    @Test
    void aReplayViewerThatStopsReadingHoldsTheReplayBack() throws Exception {
        RecordConfig record = new RecordConfig(Set.of("garden"), new RecordPolicy(Duration.ZERO, Duration.ofDays(7), 0), Map.of(), 0);
        try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withRecord(record))) {
            Random random = new Random(7);
            long bytes = 0;
            for (int i = 0; i < FRAMES; i++) {
                byte[] jpeg = noise(random);
                bytes += jpeg.length;
                long before = System.currentTimeMillis();
                assertThat(server.publish("garden", jpeg).statusCode()).isEqualTo(200);
                while (System.currentTimeMillis() <= before) {
                    Thread.sleep(1); // recorded frames a millisecond apart at least: each its own instant
                }
            }
            assertThat(bytes).as("the range against the socket buffers (4 MB send, 16 KB receive)").isGreaterThan(16L << 20);
            Await.until(() -> new JsonObject(new String(server.get("/cameras/garden/archive").body())).getLong("frames") == FRAMES,
                    Duration.ofSeconds(20), "all frames recorded");

            try (RawWebSocketReader viewer = RawWebSocketReader.open(server.port(), "/cameras/garden/archive/play.ws?speed=max", 16 * 1024)) {
                viewer.next();
                long stalled = System.nanoTime();
                Await.until(() -> System.nanoTime() - stalled > Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(10),
                        "the viewer reads nothing for 2 s");
                long resumed = System.currentTimeMillis();
                int writtenLater = 0;
                for (int i = 1; i < FRAMES; i++) {
                    if (viewer.next().preamble().getLong("sent") >= resumed) {
                        writtenLater++;
                    }
                }
                assertThat(writtenLater).as("frames the server wrote only once the viewer read on, of %d", FRAMES - 1)
                        .isGreaterThan((FRAMES - 1) * 2 / 3);
            }
        }
    }

    /** A 640x480 picture of noise: about 300 KB as a JPEG, and never the same twice. */
    private static byte[] noise(Random random) {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return JpegCodec.encode(image, 0.8f);
    }
}
