package org.livecam.variant;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.livecam.config.CameraConfig;
import org.livecam.frame.Camera;
import org.livecam.http.WebSocketTestClient;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** Resized variants against the real server: sizes, sharing, and no work without viewers. */
class VariantsTest {
    @TempDir
    Path data;
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void snapshotVariantsHaveTheAskedSize() {
        server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        assertSize("/cameras/cam/snapshot.jpg?width=640", 640, 360);
        assertSize("/cameras/cam/snapshot.jpg?width=700", 640, 360); // snapped to an allowed width
        assertSize("/cameras/cam/snapshot.jpg?height=360", 640, 360);
        assertSize("/cameras/cam/snapshot.jpg?width=320&height=240", 320, 240);
        BufferedImage red = TestJpegs.decode(server.get("/cameras/cam/snapshot.jpg?width=480").body());
        assertThat(new Color(red.getRGB(240, 135)).getRed()).isGreaterThan(200);

        server.publish("live", TestJpegs.solid(1280, 720, Color.BLUE));
        assertSize("/live800x600.jpeg", 800, 600); // the tutorial's form, on the default camera
        assertSize("/live.jpeg?width=320", 320, 180);
    }

    @Test
    void variantIsNeverLargerThanItsSourceAndBadSizesAreRefused() {
        byte[] small = TestJpegs.solid(640, 360, Color.GREEN);
        server.publish("cam", small);
        assertThat(server.get("/cameras/cam/snapshot.jpg?width=1280").body()).isEqualTo(small);
        assertThat(server.get("/cameras/cam/snapshot.jpg?width=wide").statusCode()).isEqualTo(400);
        assertThat(server.get("/cameras/cam/stream.mjpg?width=0").statusCode()).isEqualTo(400);
    }

    @Test
    void mjpegStreamServesTheVariant() throws Exception {
        server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        HttpResponse<InputStream> response = server.client().send(
                HttpRequest.newBuilder(server.uri("/cameras/cam/stream.mjpg?width=320")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            BufferedImage part = TestJpegs.decode(firstPart(body));
            assertThat(part.getWidth()).isEqualTo(320);
            assertThat(part.getHeight()).isEqualTo(180);
        }
    }

    @Test
    void twoViewersOfOneSizeGetTheSameBytesFromOneEncodePerFrame() throws Exception {
        server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        try (WebSocketTestClient first = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=640");
             WebSocketTestClient second = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=640")) {
            for (int i = 1; i <= 5; i++) {
                server.publish("cam", TestJpegs.solid(1280, 720, new Color(40 * i, 0, 255 - 40 * i)));
                long seq = 1 + i;
                byte[] a = first.frameOf("cam", seq).jpeg();
                byte[] b = second.frameOf("cam", seq).jpeg();
                assertThat(a).isEqualTo(b);
                assertThat(TestJpegs.decode(a).getWidth()).isEqualTo(640);
            }
            JsonObject variant = waitForVariant(v -> v.getInteger("viewers") == 2);
            assertThat(variant.getInteger("width")).isEqualTo(640);
            assertThat(variant.getInteger("height")).isEqualTo(360);
            assertThat(variant.getLong("encoded")).as("one encode per frame for both viewers").isBetween(5L, 6L);
        }
    }

    @Test
    void twoPeopleWatchingOneVariantAreTheCamerasAudienceAndTheVariantItsDemand() throws Exception {
        server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        Camera camera = server.server().cameras().get("cam").orElseThrow();
        try (WebSocketTestClient first = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=640");
             WebSocketTestClient second = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=640")) {
            first.frameOf("cam", 1);
            second.frameOf("cam", 1);
            assertThat(camera.audience()).as("people watching the camera, resized").isEqualTo(2);
            assertThat(camera.demand()).as("the variant subscribes once for both").isEqualTo(1);
            assertThat(camera().getInteger("viewers")).isEqualTo(2);
        }
        Await.until(() -> camera.demand() == 0, Duration.ofSeconds(10), "the variant to leave its camera");
        assertThat(camera.audience()).isZero();
    }

    @Test
    void anOnDemandSourceKeepsRunningWhileOnlyAVariantIsWatched() throws Exception {
        server.close();
        server = TestServer.start(data, c -> c.withCameras(List.of(
                new CameraConfig("cam", "test:?size=640x360&fps=10", false, Duration.ofMillis(200)))));
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=320")) {
            long first = viewer.nextFrame().seq();
            // Ten frames at 10 fps take about a second, five idle timeouts: only the variant's demand keeps it going.
            WebSocketTestClient.Received later = viewer.frameOf("cam", first + 10);
            assertThat(TestJpegs.decode(later.jpeg()).getWidth()).isEqualTo(320);
        }
    }

    @Test
    void noVariantWorkWhenNobodyWatches() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.publish("cam", TestJpegs.solid(1280, 720, new Color(80 * i, 0, 0))); // distinct: a copy is not a new frame
        }
        assertThat(camera().getJsonArray("variants")).isEmpty();

        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=320")) {
            server.publish("cam", TestJpegs.solid(1280, 720, Color.BLUE));
            viewer.frameOf("cam", 4);
        }
        JsonObject idle = waitForVariant(v -> v.getInteger("viewers") == 0);
        long encoded = idle.getLong("encoded");
        for (int i = 0; i < 5; i++) {
            server.publish("cam", TestJpegs.solid(1280, 720, new Color(0, 50 * i, 0)));
        }
        Thread.sleep(500); // no event marks "no encode": time for one to happen, the subject is that none does
        assertThat(waitForVariant(v -> true).getLong("encoded")).isEqualTo(encoded);
        assertThat(camera().getInteger("viewers")).isZero();
    }

    @Test
    void configuredWidthsReplaceTheDefaults() {
        server.close();
        server = TestServer.start(data, c -> c.withHttp(h -> h.withVariantWidths(List.of(200, 400))));
        server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        assertSize("/cameras/cam/snapshot.jpg?width=640", 400, 225);
        assertSize("/cameras/cam/snapshot.jpg?width=399", 200, 113);
    }

    private void assertSize(String path, int width, int height) {
        HttpResponse<byte[]> response = server.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        BufferedImage image = TestJpegs.decode(response.body());
        assertThat(image.getWidth()).as(path).isEqualTo(width);
        assertThat(image.getHeight()).as(path).isEqualTo(height);
    }

    private JsonObject camera() {
        JsonArray cameras = new JsonObject(new String(server.get("/api/cameras").body(), StandardCharsets.UTF_8)).getJsonArray("cameras");
        for (int i = 0; i < cameras.size(); i++) {
            if ("cam".equals(cameras.getJsonObject(i).getString("id"))) {
                return cameras.getJsonObject(i);
            }
        }
        throw new AssertionError("no camera 'cam' in /api/cameras");
    }

    private JsonObject waitForVariant(Predicate<JsonObject> condition) throws InterruptedException {
        AtomicReference<JsonObject> match = new AtomicReference<>();
        Await.until(() -> {
            JsonArray variants = camera().getJsonArray("variants");
            if (variants.size() == 1 && condition.test(variants.getJsonObject(0))) {
                match.set(variants.getJsonObject(0));
            }
            return match.get() != null;
        }, Duration.ofSeconds(20), "the one variant of camera 'cam' to match; it is " + camera().getJsonArray("variants"));
        return match.get();
    }

    /** Reads the first part of an MJPEG stream by its Content-Length. */
    static byte[] firstPart(InputStream body) throws Exception {
        DataInputStream in = new DataInputStream(body);
        int length = -1;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("stream ended before a part");
            }
            if (c == '\n') {
                String header = line.toString().trim();
                line.setLength(0);
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (header.isEmpty() && length >= 0) {
                    byte[] jpeg = new byte[length];
                    in.readFully(jpeg);
                    return jpeg;
                }
            } else {
                line.append((char) c);
            }
        }
    }
}
