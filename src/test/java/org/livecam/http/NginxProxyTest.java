package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.Nginx;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * livecam behind a real nginx configured by deploy/nginx-livecam.conf: streams arrive frame by
 * frame (nothing buffered), WebSockets upgrade, a long ?after= wait is not cut, large uploads
 * pass, and with --trust-proxy the logs name the client nginx saw.
 */
class NginxProxyTest {
    @TempDir
    Path dir;

    private TestServer server;
    private Nginx nginx;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Nginx.installed(), "nginx is not installed (scripts/test installs nginx-light)");
        server = TestServer.start(dir.resolve("data"), c -> c.withHttp(h -> h.withTrustProxy(List.of("127.0.0.1/32"))));
        nginx = Nginx.start(dir.resolve("nginx"), server.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mjpegThroughNginxGetsEachFrameAsItIsPublished() throws Exception {
        assertThat(server.publish("cam", TestJpegs.solid(64, 48, Color.RED)).statusCode()).isEqualTo(200);
        try (MjpegReader viewer = MjpegReader.open(nginx.port(), "/cameras/cam/stream.mjpg")) {
            assertThat(viewer.status()).isEqualTo(200);
            viewer.timeoutMillis(5_000);
            long seen = viewer.next().sequence();
            Color[] colors = {Color.GREEN, Color.BLUE, Color.YELLOW};
            for (Color color : colors) {
                long published = sequenceOf(server.publish("cam", TestJpegs.solid(64, 48, color)));
                // The next frame is read before another is published: nothing waits in nginx's buffers.
                MjpegReader.Part part = viewer.nextNewerThan(seen);
                assertThat(part.sequence()).isEqualTo(published);
                seen = part.sequence();
            }
        }
    }

    @Test
    void webSocketThroughNginxStreamsAndTheLogNamesTheForwardedClient() throws Exception {
        server.publish("cam", TestJpegs.solid(64, 48, Color.RED));
        try (CapturedLog log = CapturedLog.of(StreamHandler.class);
             WebSocketTestClient viewer = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + nginx.port() + "/cameras/cam/ws"),
                     Map.of("X-Forwarded-For", "203.0.113.7"))) {
            long first = viewer.nextFrame().seq();
            long published = sequenceOf(server.publish("cam", TestJpegs.solid(64, 48, Color.GREEN)));
            assertThat(viewer.frameOf("cam", published).seq()).isGreaterThan(first);
            // nginx appended its own view of the client (127.0.0.1, trusted) to what the client sent.
            assertThat(log.lines("WebSocket viewer joined camera cam from 203.0.113.7")).hasSize(1);
        }
    }

    @Test
    void aTenSecondAfterWaitThroughNginxIsAnsweredByTheNewFrame() throws Exception {
        long current = sequenceOf(server.publish("cam", TestJpegs.solid(64, 48, Color.RED)));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            CompletableFuture<HttpResponse<String>> published = new CompletableFuture<>();
            later.schedule(() -> published.complete(server.publish("cam", TestJpegs.solid(64, 48, Color.BLUE))), 10, TimeUnit.SECONDS);
            HttpResponse<byte[]> snapshot = server.client().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + nginx.port() + "/cameras/cam/snapshot.jpg?after=" + current))
                    .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(published).as("answered only once the new frame was published").isDone();
            assertThat(snapshot.headers().firstValue("X-Frame-Sequence")).hasValue(Long.toString(sequenceOf(published.get())));
            assertThat(TestJpegs.centre(snapshot.body())).isEqualTo(TestJpegs.centre(TestJpegs.solid(64, 48, Color.BLUE)));
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void aLargeUploadThroughNginxIsPublished() throws Exception {
        byte[] jpeg = noise(2000, 1500);
        assertThat(jpeg.length).as("more than nginx's default 1 MB body limit").isGreaterThan(3 * 1024 * 1024 / 2);
        HttpResponse<String> posted = server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + "/cameras/big/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        assertThat(posted.statusCode()).as(posted.body() + nginx.errorLog()).isEqualTo(200);
        Await.until(() -> server.get("/cameras/big/snapshot.jpg").statusCode() == 200, Duration.ofSeconds(5), "the frame");
        assertThat(server.get("/cameras/big/snapshot.jpg").body()).isEqualTo(jpeg);
    }

    private static long sequenceOf(HttpResponse<String> published) {
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return new io.vertx.core.json.JsonObject(published.body()).getLong("sequence");
    }

    /** Random pixels: a JPEG that does not compress, so it is large. */
    private static byte[] noise(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
