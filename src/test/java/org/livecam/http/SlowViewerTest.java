package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * A viewer that stops reading never holds back another viewer, and when it reads again it
 * skips to the newest frame instead of working through a queue. Frames of about 100 KB, so a
 * few of them fill a socket. How old a slow viewer's frames are, and how much throughput fast
 * viewers keep beside slow ones, are measured by the {@code bench} tool, not here.
 */
class SlowViewerTest {
    private static final String CAMERA = "busy";
    private static final int FRAMES = 40;

    @TempDir
    Path data;

    @Test
    void aStalledViewerSkipsToTheNewestFrameAndAFastOneGetsEveryFrameMeanwhile() throws Exception {
        byte[][] jpegs = {noiseJpeg(1), noiseJpeg(2), noiseJpeg(3)};
        assertThat(jpegs[0].length).as("frames of about 100 KB").isBetween(60_000, 200_000);
        try (TestServer server = TestServer.start(data)) {
            server.publish(CAMERA, jpegs[0]);
            List<Long> fastSeen = new CopyOnWriteArrayList<>();
            AtomicLong fastNewest = new AtomicLong();
            MjpegReader fast = MjpegReader.open(server.port(), "/cameras/" + CAMERA + "/stream.mjpg");
            Thread fastViewer = new Thread(() -> read(fast, fastSeen, fastNewest), "fast-viewer");
            fastViewer.start();
            // Connects and reads the head, then stops reading, with a tiny receive window.
            try (MjpegReader stalled = MjpegReader.open(server.port(), "/cameras/" + CAMERA + "/stream.mjpg", 4096)) {
                long last = 1;
                for (int i = 1; i <= FRAMES; i++) {
                    last = server.publish(CAMERA, jpegs[i % jpegs.length]).statusCode() == 200 ? last + 1 : last;
                    long expected = last;
                    Await.until(() -> fastNewest.get() >= expected, Duration.ofSeconds(10),
                            "the fast viewer to get frame " + expected + " beside a stalled viewer");
                }
                assertThat(last).as("every frame published").isEqualTo(FRAMES + 1);
                assertThat(fastSeen).as("the fast viewer got every frame, in order").containsExactlyElementsOf(
                        LongStream.rangeClosed(1, last).boxed().toList());

                // Reading again, the stalled viewer gets the few frames already in the socket, then the newest.
                stalled.timeoutMillis(10_000);
                int old = 0;
                for (MjpegReader.Part part = stalled.next(); part.sequence() < last; part = stalled.next()) {
                    old++;
                }
                assertThat(old).as("old frames waiting for the stalled viewer (socket buffers included)").isLessThanOrEqualTo(8);
            } finally {
                fast.close();
                fastViewer.join(10_000);
            }
        }
    }

    /** Records each new frame's sequence; repeats of an idle frame are not new frames. */
    private static void read(MjpegReader reader, List<Long> seen, AtomicLong newest) {
        try {
            while (true) {
                MjpegReader.Part part = reader.next();
                if (part.sequence() > newest.get()) {
                    seen.add(part.sequence());
                    newest.set(part.sequence());
                }
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    /** Random pixels: a JPEG that does not compress, about 100 KB at this size. */
    private static byte[] noiseJpeg(long seed) {
        return TestJpegs.noise(360, 288, seed, 0.9f);
    }
}
