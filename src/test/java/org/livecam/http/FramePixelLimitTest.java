package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * {@code --max-frame-pixels}: a frame whose header claims more pixels than the limit is refused
 * where it comes in (HTTP 413, a WebSocket error message, a pulled camera's offline reason),
 * says the limit, and changes nothing viewers see.
 */
class FramePixelLimitTest {
    @TempDir
    Path data;

    @Test
    void aFrameClaimingGigapixelsIsRefusedWith413ThatNamesTheLimitAndChangesNothing() {
        try (TestServer server = TestServer.start(data)) {
            byte[] good = TestJpegs.solid(320, 240, Color.RED);
            assertThat(server.publish("cam", good).statusCode()).isEqualTo(200);

            HttpResponse<String> refused = server.publish("cam", BadFrameVariantsTest.claimingSize(good, 65535, 65535));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.body()).contains("65535x65535").contains("50000000 pixels").contains("--max-frame-pixels");
            assertThat(server.get("/cameras/cam/snapshot.jpg").body()).as("viewers keep the last good frame").isEqualTo(good);
            assertThat(server.get("/cameras/cam/snapshot.jpg?width=320").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theLimitIsASettingAndAFrameAtItIsTaken() {
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withMaxFramePixels(640 * 480)))) {
            assertThat(server.publish("cam", TestJpegs.solid(640, 480, Color.GRAY)).statusCode()).isEqualTo(200);
            HttpResponse<String> over = server.publish("cam", TestJpegs.solid(641, 480, Color.GRAY));
            assertThat(over.statusCode()).isEqualTo(413);
            assertThat(over.body()).contains("641x480").contains("307200 pixels");
        }
    }

    @Test
    void aWebSocketPublisherIsToldTheLimitAndItsSocketStaysOpen() throws Exception {
        try (TestServer server = TestServer.start(data);
             WebSocketTestClient publisher = WebSocketTestClient.connect(server, "/cameras/ws/publish",
                     Map.of("Authorization", "Bearer " + TestServer.TOKEN))) {
            publisher.message("ready");
            byte[] good = TestJpegs.solid(320, 240, Color.GREEN);
            publisher.sendBinary(BadFrameVariantsTest.claimingSize(good, 65535, 65535));
            assertThat(publisher.message("error").getString("error")).contains("65535x65535").contains("--max-frame-pixels");
            publisher.sendBinary(good);
            assertThat(publisher.message("published").getInteger("width")).isEqualTo(320);
        }
    }

    @Test
    void aPulledCameraWhoseFramesAreTooLargeIsOfflineWithTheReason() throws Exception {
        Path pictures = Files.createDirectories(data.resolve("pictures"));
        Files.write(pictures.resolve("huge.jpg"), BadFrameVariantsTest.claimingSize(TestJpegs.solid(64, 48, Color.BLUE), 65535, 65535));
        try (TestServer server = TestServer.start(data.resolve("server"), c -> c.withCameras(List.of(
                new CameraConfig("shed", "dir:" + pictures + "?fps=5", true, Duration.ofSeconds(1)))))) {
            Await.until(() -> "offline".equals(camera(server).getString("state")), Duration.ofSeconds(20), "camera shed offline");
            assertThat(camera(server).getString("offline_reason")).contains("too large").contains("--max-frame-pixels");
            assertThat(camera(server).getLong("frames_published")).as("no frame was taken").isZero();
        }
    }

    private static JsonObject camera(TestServer server) {
        return new JsonObject(new String(server.get("/api/cameras/shed").body(), StandardCharsets.UTF_8));
    }
}
