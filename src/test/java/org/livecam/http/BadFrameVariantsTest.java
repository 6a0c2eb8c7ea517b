package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.livecam.frame.JpegCodec;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/**
 * Mutated JPEGs (bit flips, truncations, marker soup, absurd sizes) published to the real server
 * while viewers watch resized variants: no viewing URL answers 5xx, a frame that cannot be
 * resized is answered with the last variant made, the failures are counted and logged once, and
 * the server keeps serving with no more threads than before.
 */
class BadFrameVariantsTest {
    private static final String CAMERA = "bad";

    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    @Timeout(180)
    void mutatedFramesNeverFailAViewerAndTheLastGoodVariantIsStillServed() throws Exception {
        byte[] good = textured(640, 480, Color.ORANGE);
        assertThat(server.publish(CAMERA, good).statusCode()).isEqualTo(200);
        assertThat(server.get("/cameras/" + CAMERA + "/snapshot.jpg?width=320").statusCode()).isEqualTo(200);

        try (CapturedLog log = CapturedLog.all();
             StreamWatch mjpeg = StreamWatch.mjpeg(server.port(), "/cameras/" + CAMERA + "/stream.mjpg?width=320");
             StreamWatch auto = StreamWatch.mjpeg(server.port(), "/cameras/" + CAMERA + "/stream.mjpg?width=auto");
             StreamWatch socket = StreamWatch.webSocket(server.port(), "/cameras/" + CAMERA + "/ws?width=320")) {
            List<byte[]> mutants = mutants(good);
            publishAndView(mutants); // the first round warms up the worker pools
            int threadsAfterFirstRound = serverThreads();
            publishAndView(mutants);
            assertThat(serverThreads()).as("threads after a second round of bad frames").isLessThanOrEqualTo(threadsAfterFirstRound + 2);

            // Still serving: a good frame after all that reaches every stream and snapshot.
            byte[] blue = textured(640, 480, Color.BLUE);
            assertThat(server.publish(CAMERA, blue).statusCode()).isEqualTo(200);
            for (StreamWatch stream : List.of(mjpeg, auto, socket)) {
                Await.until(() -> isBlue(stream.latest()), Duration.ofSeconds(30), stream + " shows the good frame after the bad ones");
            }
            HttpResponse<byte[]> snapshot = server.get("/cameras/" + CAMERA + "/snapshot.jpg?width=320");
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(TestJpegs.decode(snapshot.body()).getWidth()).isEqualTo(320);
            assertThat(isBlue(snapshot.body())).isTrue();

            assertThat(variantFailures()).as("frames that could not be resized, counted").isGreaterThanOrEqualTo(2);
            assertThat(log.lines("cannot resize frame")).as("the failure is logged once per camera, not per frame").hasSize(1);
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** Publishes each mutant, then asks every snapshot URL for it; the streams read on meanwhile. */
    private static void publishAndView(List<byte[]> mutants) {
        for (byte[] mutant : mutants) {
            int published = server.publish(CAMERA, mutant).statusCode();
            assertThat(published).as("publishing a mutant").isIn(200, 400, 413, 415);
            Jpeg.Size size = published == 200 ? sizeOf(mutant) : null;
            for (String query : List.of("?width=320", "?width=auto", "?width=320&height=240", "")) {
                HttpResponse<byte[]> answer = server.get("/cameras/" + CAMERA + "/snapshot.jpg" + query);
                assertThat(answer.statusCode()).as("snapshot%s after a mutant (published: %d)", query, published).isEqualTo(200);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
                if (query.equals("?width=320") && size != null && size.width() > 320) {
                    // Resized, or the last variant made standing in for a frame that could not be.
                    assertThat(TestJpegs.decode(answer.body()).getWidth()).as("the ?width=320 answer to a %s frame", size).isEqualTo(320);
                }
            }
        }
    }

    /** Bit flips, truncations, marker soup and absurd sizes, the same every run. */
    private static List<byte[]> mutants(byte[] good) {
        Random random = new Random(13);
        List<byte[]> mutants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] flipped = good.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                int at = 2 + random.nextInt(flipped.length - 4);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
            }
            mutants.add(flipped);
        }
        for (int i = 0; i < 6; i++) {
            int cut = 20 + random.nextInt(good.length - 40);
            byte[] truncated = Arrays.copyOf(good, cut + 2);
            truncated[cut] = (byte) 0xFF;
            truncated[cut + 1] = (byte) 0xD9;
            mutants.add(truncated);
        }
        for (int i = 0; i < 6; i++) {
            mutants.add(markerSoup(good, random));
        }
        mutants.add(withoutSegment(good, 0xDB)); // no quantisation table: the decoder gives up
        mutants.add(withoutSegment(good, 0xC4)); // no Huffman table
        mutants.add(claimingSize(good, 65535, 65535)); // 4.3 gigapixels: 413 at the edge
        mutants.add(claimingSize(good, 8000, 7000)); // 56 megapixels: over the default 50
        mutants.add(claimingSize(good, 3000, 2000)); // 6 megapixels from a 640x480 body: accepted, decoded as far as it goes
        return mutants;
    }

    /** {@code good} with a few random marker segments (random code, random length) spliced in. */
    private static byte[] markerSoup(byte[] good, Random random) {
        ByteBuffer soup = ByteBuffer.allocate(good.length + 400);
        int at = 2 + random.nextInt(good.length / 2);
        soup.put(good, 0, at);
        for (int markers = 1 + random.nextInt(4); markers > 0; markers--) {
            int length = 2 + random.nextInt(40);
            soup.put((byte) 0xFF).put((byte) (0xC0 + random.nextInt(0x3F))).put((byte) (length >> 8)).put((byte) length);
            byte[] body = new byte[length - 2];
            random.nextBytes(body);
            soup.put(body);
        }
        soup.put(good, at, good.length - at);
        return Arrays.copyOf(soup.array(), soup.position());
    }

    private static byte[] withoutSegment(byte[] jpeg, int marker) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length);
        out.put(jpeg, 0, 2);
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at + 1] & 0xFF) != Jpeg.SOS) {
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if ((jpeg[at + 1] & 0xFF) != marker) {
                out.put(jpeg, at, 2 + length);
            }
            at += 2 + length;
        }
        out.put(jpeg, at, jpeg.length - at);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The same bytes with the SOF segment's size changed. */
    static byte[] claimingSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int at = 2;
        while (!(copy[at + 1] >= (byte) 0xC0 && copy[at + 1] <= (byte) 0xC2)) {
            at += 2 + (((copy[at + 2] & 0xFF) << 8) | (copy[at + 3] & 0xFF));
        }
        copy[at + 5] = (byte) (height >> 8);
        copy[at + 6] = (byte) height;
        copy[at + 7] = (byte) (width >> 8);
        copy[at + 8] = (byte) width;
        return copy;
    }

    /** A picture with detail in it, so that flipped bits land in real entropy-coded data. */
    static byte[] textured(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        for (int x = 0; x < width; x += 16) {
            g.drawLine(x, 0, width - x, height); // lines, away from the centre's colour
        }
        g.setColor(color);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return JpegCodec.encode(image, 0.9f);
    }

    private static Jpeg.Size sizeOf(byte[] jpeg) {
        try {
            return Jpeg.inspect(ByteBuffer.wrap(jpeg));
        } catch (InvalidJpegException e) {
            throw new AssertionError("the server took a JPEG that Jpeg.inspect refuses", e);
        }
    }

    private static boolean isBlue(byte[] jpeg) {
        try {
            Color centre = TestJpegs.centre(jpeg);
            return centre.getBlue() > 180 && centre.getRed() < 80 && centre.getGreen() < 80;
        } catch (RuntimeException notDecodable) {
            return false;
        }
    }

    private static long variantFailures() {
        String metrics = new String(server.get("/metrics").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^livecam_variant_failures_total\\{camera=\"" + CAMERA + "\"[^}]*} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("livecam_variant_failures_total for camera %s in /metrics", CAMERA).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** Threads of this JVM other than the HTTP client's and the test's own readers. */
    private static int serverThreads() {
        return (int) Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .map(t -> t.getThreadName())
                .filter(name -> !name.startsWith("HttpClient") && !name.startsWith("stream-watch"))
                .count();
    }

    /** A viewer reading one stream on its own thread, keeping the latest picture. */
    private static final class StreamWatch implements AutoCloseable {
        private final String what;
        private final AutoCloseable connection;
        private final AtomicReference<byte[]> latest = new AtomicReference<>();
        private final Thread thread;

        private StreamWatch(String what, AutoCloseable connection, Reader reader) {
            this.what = what;
            this.connection = connection;
            this.thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            latest.set(reader.next());
                        } catch (java.net.SocketTimeoutException quiet) {
                            // no new frame for a while (a run of refused ones): keep reading
                        }
                    }
                } catch (IOException | RuntimeException closed) {
                    // the test closed it, or it ended: latest says what it got
                }
            }, "stream-watch " + what);
            thread.setDaemon(true);
            thread.start();
        }

        private interface Reader {
            byte[] next() throws IOException;
        }

        static StreamWatch mjpeg(int port, String path) throws IOException {
            MjpegReader reader = MjpegReader.open(port, path);
            assertThat(reader.status()).as(path).isEqualTo(200);
            return new StreamWatch(path, reader, () -> reader.next().body());
        }

        static StreamWatch webSocket(int port, String path) throws IOException {
            RawWebSocketReader reader = RawWebSocketReader.open(port, path, 256 * 1024);
            return new StreamWatch(path, reader, () -> reader.next().jpeg());
        }

        byte[] latest() {
            return latest.get();
        }

        @Override
        public void close() throws Exception {
            thread.interrupt();
            connection.close();
            thread.join(5000);
        }

        @Override
        public String toString() {
            return what;
        }
    }
}
