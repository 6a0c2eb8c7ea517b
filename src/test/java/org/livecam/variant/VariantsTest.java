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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.livecam.http.WebSocketTestClient;
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
    void noVariantWorkWhenNobodyWatches() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.publish("cam", TestJpegs.solid(1280, 720, Color.RED));
        }
        assertThat(camera().getJsonArray("variants")).isEmpty();

        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/cam/ws?width=320")) {
            server.publish("cam", TestJpegs.solid(1280, 720, Color.BLUE));
            viewer.frameOf("cam", 4);
        }
        JsonObject idle = waitForVariant(v -> v.getInteger("viewers") == 0);
        long encoded = idle.getLong("encoded");
        for (int i = 0; i < 5; i++) {
            server.publish("cam", TestJpegs.solid(1280, 720, Color.GREEN));
        }
        Thread.sleep(500);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            JsonArray variants = camera().getJsonArray("variants");
            if (variants.size() == 1) {
                last = variants.getJsonObject(0);
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("variant never matched; last seen " + last);
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
