package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.frame.Camera;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/** The MJPEG stream of the real server, read byte by byte on a raw socket. */
class MjpegStreamTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();

    @Test
    void answersMultipartWithTheBoundaryOfItsContentType() throws Exception {
        server.publish("head", TestJpegs.solid(64, 48, Color.RED));
        try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/head/stream.mjpg")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("multipart/x-mixed-replace");
            assertThat(stream.boundary()).isNotBlank();
            assertThat(stream.header("Cache-Control")).contains("no-cache");
            assertThat(stream.next().header("Content-Type")).isEqualTo("image/jpeg");
        }
    }

    @Test
    void aNewViewerGetsTheCurrentFrameAtOnce() throws Exception {
        byte[] current = TestJpegs.solid(160, 120, Color.BLUE);
        server.publish("at-once", TestJpegs.solid(160, 120, Color.RED));
        server.publish("at-once", current);
        try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/at-once/stream.mjpg")) {
            stream.timeoutMillis(5000);
            MjpegReader.Part part = stream.next();
            assertThat(part.body()).isEqualTo(current);
            assertThat(part.sequence()).isEqualTo(2);
        }
    }

    @Test
    void aPublishedFrameArrivesAndEveryPartIsAWholeJpeg() throws Exception {
        server.publish("flow", TestJpegs.solid(160, 120, Color.RED));
        try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/flow/stream.mjpg")) {
            long last = stream.next().sequence();
            Color[] colors = {Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA, Color.CYAN};
            for (Color color : colors) {
                byte[] jpeg = TestJpegs.solid(160, 120, color);
                server.publish("flow", jpeg);
                MjpegReader.Part part = stream.nextNewerThan(last);
                assertThat(part.header("Content-Type")).isEqualTo("image/jpeg");
                assertThat(part.header("Content-Length")).isEqualTo(Integer.toString(jpeg.length));
                assertThat(part.body()).isEqualTo(jpeg);
                assertThat(TestJpegs.decode(part.body()).getWidth()).isEqualTo(160);
                assertThat(TestJpegs.centre(part.body())).isEqualTo(TestJpegs.centre(jpeg));
                last = part.sequence();
            }
        }
    }

    @Test
    void fpsCapsOneViewersRate() throws Exception {
        server.publish("capped", TestJpegs.solid(64, 48, Color.RED));
        AtomicBoolean publishing = new AtomicBoolean(true);
        byte[][] frames = {TestJpegs.solid(64, 48, Color.GREEN), TestJpegs.solid(64, 48, Color.YELLOW)};
        Thread publisher = new Thread(() -> {
            for (int i = 0; publishing.get(); i++) {
                server.publish("capped", frames[i % 2]); // each unlike the one before: identical frames are not sent again
                sleep(40); // a live camera at about 25 fps: the cap is measured against real time
            }
        });
        try (MjpegReader capped = MjpegReader.open(server.port(), "/cameras/capped/stream.mjpg?fps=2");
             MjpegReader free = MjpegReader.open(server.port(), "/cameras/capped/stream.mjpg")) {
            publisher.start();
            Set<Long> cappedFrames = new HashSet<>();
            long start = System.nanoTime();
            while (System.nanoTime() - start < 3_000_000_000L) {
                cappedFrames.add(capped.next().sequence());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Set<Long> freeFrames = new HashSet<>();
            long freeStart = System.nanoTime();
            while (System.nanoTime() - freeStart < 1_000_000_000L) {
                freeFrames.add(free.next().sequence());
            }
            // 2 fps over about 3 s, plus the first frame at once; generous for a loaded machine.
            assertThat(cappedFrames.size()).as("frames at ?fps=2 in %.1f s", seconds).isBetween(3, (int) (2 * seconds) + 3);
            assertThat(freeFrames.size()).as("the uncapped viewer of the same camera, in 1 s").isGreaterThan(4);
        } finally {
            publishing.set(false);
            publisher.join();
        }
    }

    @Test
    void fpsThatIsNotANumberIs400() {
        server.publish("fps-bad", TestJpegs.solid(64, 48, Color.RED));
        assertThat(server.get("/cameras/fps-bad/stream.mjpg?fps=fast").statusCode()).isEqualTo(400);
        assertThat(server.get("/cameras/fps-bad/stream.mjpg?fps=0").statusCode()).isEqualTo(400);
    }

    @Test
    void aViewerThatDisconnectsIsRemoved() throws Exception {
        server.publish("leaving", TestJpegs.solid(64, 48, Color.RED));
        MjpegReader first = MjpegReader.open(server.port(), "/cameras/leaving/stream.mjpg");
        try (MjpegReader second = MjpegReader.open(server.port(), "/cameras/leaving/stream.mjpg")) {
            first.next();
            second.next();
            assertThat(viewers("leaving")).isEqualTo(2);
            first.close();
            Await.until(() -> viewers("leaving") == 1, Duration.ofSeconds(10), "the viewer that left is no longer counted");
            server.publish("leaving", TestJpegs.solid(64, 48, Color.GREEN));
            assertThat(second.nextNewerThan(1).sequence()).as("the one still watching gets frames").isEqualTo(2);
        }
        Await.until(() -> viewers("leaving") == 0, Duration.ofSeconds(10), "no viewers left");
    }

    @Test
    void theLastFrameIsSentAgainEverySecondWhileTheCameraStaysQuiet() throws Exception {
        server.publish("quiet", TestJpegs.solid(64, 48, Color.RED));
        try (MjpegReader stream = MjpegReader.open(server.port(), "/cameras/quiet/stream.mjpg")) {
            MjpegReader.Part previous = stream.next();
            stream.timeoutMillis(5000);
            for (int repeat = 0; repeat < 2; repeat++) {
                MjpegReader.Part again = stream.next();
                assertThat(again.sequence()).isEqualTo(previous.sequence());
                assertThat(again.body()).isEqualTo(previous.body());
                assertThat(again.receivedNanos() - previous.receivedNanos()).as("sent again only after a quiet spell")
                        .isGreaterThan(500_000_000L);
                previous = again;
            }
        }
        assertThat(server.server().cameras().get("quiet").orElseThrow().stats(Camera.DEFAULT_STALE_AFTER).framesSent())
                .as("repeats are not new frames out").isEqualTo(1);
    }

    static int viewers(String camera) {
        JsonObject api = new JsonObject(new String(server.get("/api/cameras").body()));
        return api.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> camera.equals(c.getString("id"))).findFirst().orElseThrow().getInteger("viewers");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
