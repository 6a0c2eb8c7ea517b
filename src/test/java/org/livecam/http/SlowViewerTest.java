package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.source.TestPatternSource;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestServer;

/**
 * Issue 2, item 6: a viewer that stops reading never slows another viewer, and the server holds
 * about one frame for it, not a growing queue. A publisher pushes ~100 KB frames at ~25 fps.
 */
class SlowViewerTest {
    private static final String CAMERA = "busy";

    @TempDir
    Path data;

    @Test
    void aStalledViewerDoesNotSlowAFastOneNorMakeTheServerHoldItsFrames() throws Exception {
        byte[][] frames = {noiseJpeg(1), noiseJpeg(2), noiseJpeg(3)};
        int frameBytes = frames[0].length;
        assertThat(frameBytes).as("frames of about 100 KB").isBetween(60_000, 200_000);

        // Direct memory is counted for the whole JVM, which earlier test classes share (Netty's
        // pools keep what their clients used), so only the growth during this test counts.
        long baseline = directMemoryAfterGc();
        try (TestServer server = TestServer.start(data)) {
            server.publish(CAMERA, frames[0]);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong published = new AtomicLong();
            Thread publisher = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; running.get(); i++) {
                    if (server.publish(CAMERA, frames[i % frames.length]).statusCode() == 200) {
                        published.incrementAndGet();
                    }
                    next += 40_000_000L; // 25 fps
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    }
                }
            }, "publisher");

            MjpegReader fast = MjpegReader.open(server.port(), "/cameras/" + CAMERA + "/stream.mjpg");
            AtomicLong received = new AtomicLong();
            AtomicLong newest = new AtomicLong();
            Thread fastViewer = new Thread(() -> {
                try {
                    long last = -1;
                    while (running.get()) {
                        MjpegReader.Part part = fast.next();
                        if (part.sequence() > last) { // repeats of an idle frame are not fresh frames
                            last = part.sequence();
                            newest.set(last);
                            received.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "fast-viewer");

            MjpegReader stalled = null;
            try {
                publisher.start();
                fastViewer.start();
                Thread.sleep(1000); // warm up

                double alone = ratioOver(3000, received, published);
                // Connects and reads the head, then stops reading, with a tiny receive window.
                stalled = MjpegReader.open(server.port(), "/cameras/" + CAMERA + "/stream.mjpg", 4096);
                Thread.sleep(500);
                double withStalled = ratioOver(3000, received, published);

                System.out.printf("fast viewer got %.0f%% of published frames alone, %.0f%% beside a stalled viewer%n",
                        alone * 100, withStalled * 100);
                assertThat(withStalled).as("share of frames the fast viewer gets beside a stalled one (alone: %.2f)", alone)
                        .isGreaterThan(0.5)
                        .isGreaterThan(alone * 0.6);

                running.set(false);
                publisher.join();
                long directBytes = directMemoryAfterGc() - baseline;
                System.out.printf("direct memory added, after GC, with the stalled viewer still connected: %.1f MB (frames of %d KB, %d published)%n",
                        directBytes / 1e6, frameBytes / 1000, published.get());
                // Had the server queued every frame for the stalled viewer, it would hold ~15 MB here.
                assertThat(directBytes).as("direct memory held with a stalled viewer").isLessThan(20L * frameBytes);

                // Reading again, the stalled viewer gets the few frames already in the socket, then the newest.
                long latest = newest.get();
                stalled.timeoutMillis(10_000);
                int old = 0;
                for (MjpegReader.Part part = stalled.next(); part.sequence() < latest; part = stalled.next()) {
                    old++;
                }
                System.out.printf("stalled viewer had %d old frame(s) in the pipe before the newest%n", old);
                assertThat(old).as("frames waiting for the stalled viewer (socket buffers included)").isLessThanOrEqualTo(8);
            } finally {
                running.set(false);
                publisher.join();
                fast.close();
                fastViewer.join(10_000);
                if (stalled != null) {
                    stalled.close();
                }
            }
        }
    }

    /** Frames received per frame published over the next {@code millis}. */
    private static double ratioOver(long millis, AtomicLong received, AtomicLong published) throws InterruptedException {
        long r0 = received.get();
        long p0 = published.get();
        Thread.sleep(millis);
        long p = published.get() - p0;
        assertThat(p).as("frames published in %d ms", millis).isGreaterThan(millis / 1000 * 5);
        return (received.get() - r0) / (double) p;
    }

    private static long directMemoryAfterGc() throws InterruptedException {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200); // the cleaner frees direct buffers after the collection
            least = Math.min(least, direct.getMemoryUsed());
        }
        return least;
    }

    /** Random pixels: a JPEG that does not compress, about 100 KB at this size. */
    private static byte[] noiseJpeg(long seed) {
        BufferedImage image = new BufferedImage(360, 288, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return TestPatternSource.encode(image, 0.9f);
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
