package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Jpeg;
import org.livecam.testing.Await;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * {@code ?width=auto} on the real server: a viewer that stops reading while a camera keeps
 * sending moves to a smaller variant, and gets smaller frames once it reads again. No timing is
 * asserted: the test waits until the server says the viewer moved (its variant has a viewer).
 */
class AutoWidthTest {
    private static final String CAMERA = "auto";

    @TempDir
    Path data;

    @Test
    void aStalledMjpegViewerMovesToASmallerWidthAndGetsItsFramesWhenItReadsAgain() throws Exception {
        try (TestServer server = TestServer.start(data);
             Publisher publisher = new Publisher(server)) {
            awaitFirstFrame(server);
            try (MjpegReader viewer = MjpegReader.open(server.port(), "/cameras/" + CAMERA + "/stream.mjpg?width=auto", 4096)) {
                assertThat(viewer.header(VariantQuery.HEADER)).isEqualTo("auto");
                Await.until(() -> watchersOf(server, 320) == 1, Duration.ofSeconds(60),
                        "the stalled auto viewer to move to the 320-pixel variant");
                viewer.timeoutMillis(10_000);
                int width = 0;
                for (int part = 0; part < 30 && width != 320; part++) { // first what was already in its buffers
                    width = Jpeg.inspect(ByteBuffer.wrap(viewer.next().body())).width();
                }
                assertThat(width).as("the width of the frames it gets after reading again").isEqualTo(320);
            }
        }
    }

    @Test
    void theMultiCameraSocketTakesAutoAndSendsFramesAtTheCamerasSizeToAViewerThatKeepsUp() throws Exception {
        try (TestServer server = TestServer.start(data);
             Publisher publisher = new Publisher(server)) {
            awaitFirstFrame(server);
            try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
                viewer.send("{\"subscribe\":\"" + CAMERA + "\",\"width\":\"auto\"}");
                assertThat(viewer.message("subscribed").getString("size")).isEqualTo("auto");
                WebSocketTestClient.Received frame = viewer.nextFrame();
                assertThat(Jpeg.inspect(ByteBuffer.wrap(frame.jpeg())).width()).isEqualTo(Publisher.WIDTH);
                assertThat(server.server().cameras().get(CAMERA).orElseThrow().audience()).isEqualTo(1);
            }
        }
    }

    private static void awaitFirstFrame(TestServer server) throws InterruptedException {
        Await.until(() -> server.get("/api/cameras/" + CAMERA).statusCode() == 200, Duration.ofSeconds(10), "the camera's first frame");
    }

    /** People watching the camera's variant of this width, as /api/cameras says. */
    private static int watchersOf(TestServer server, int width) {
        JsonArray variants = new JsonObject(new String(server.get("/api/cameras/" + CAMERA).body())).getJsonArray("variants");
        for (int i = 0; variants != null && i < variants.size(); i++) {
            JsonObject variant = variants.getJsonObject(i);
            if (variant.getInteger("width", 0) == width) {
                return variant.getInteger("viewers");
            }
        }
        return 0;
    }

    /** A camera sending noise frames of about 150 KB (they do not compress) as fast as the server takes them. */
    private static final class Publisher implements AutoCloseable {
        static final int WIDTH = 480;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Publisher(TestServer server) {
            byte[][] frames = {noise(1), noise(2), noise(3)};
            thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    server.publish(CAMERA, frames[i % frames.length]);
                    sleep(40);
                }
            }, "auto-width-camera");
            thread.start();
        }

        private static byte[] noise(long seed) {
            return TestJpegs.noise(WIDTH, 360, seed, 0.9f);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis); // a camera's pace, not an ordering wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
