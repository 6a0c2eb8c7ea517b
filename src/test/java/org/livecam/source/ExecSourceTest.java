package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** exec: sources with real ffmpeg and GStreamer, feeding the real server on loopback. */
class ExecSourceTest {
    @TempDir
    Path data;

    private final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);

    private String ffmpeg() {
        return "exec:ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i testsrc2=size=320x240:rate=10"
                + " -metadata comment=" + tag + " -f mjpeg -q:v 5 -";
    }

    private String gst(String tail) {
        return "exec:gst-launch-1.0 -q videotestsrc name=" + tag + " is-live=true"
                + " ! video/x-raw,width=320,height=240,framerate=10/1 ! jpegenc ! " + tail;
    }

    private TestServer serve(String source, boolean alwaysOn, Duration idle) {
        return TestServer.start(data, c -> c.withCameras(List.of(new CameraConfig("cam", source, alwaysOn, idle))));
    }

    @Test
    void ffmpegFramesReachAViewerWholeAndDecode() throws Exception {
        try (TestServer server = serve(ffmpeg(), false, Duration.ofSeconds(1))) {
            assertEveryFrameDecodes(server);
        }
    }

    @Test
    void gstreamerJpegStreamFeedsACamera() throws Exception {
        try (TestServer server = serve(gst("fdsink"), false, Duration.ofSeconds(1))) {
            assertEveryFrameDecodes(server);
        }
    }

    @Test
    void gstreamerMultipartStreamFeedsACamera() throws Exception {
        try (TestServer server = serve(gst("multipartmux ! fdsink"), false, Duration.ofSeconds(1))) {
            assertEveryFrameDecodes(server);
        }
    }

    @Test
    void commandStartsWithTheFirstViewerAndIsGoneAfterTheIdleTimeout() throws Exception {
        try (TestServer server = serve(ffmpeg(), false, Duration.ofSeconds(1))) {
            // The rule itself is checked on a clock in SourceRunnerTest; here, the real command.
            assertThat(Processes.withTag(tag)).as("no command before anyone watches").isEmpty();

            List<ProcessHandle> running;
            try (StreamViewer viewer = new StreamViewer(server.uri("/cameras/cam/stream.mjpg"))) {
                viewer.next();
                running = Processes.withTag(tag);
                assertThat(running).hasSize(1);
                viewer.next();
            }
            ProcessHandle process = running.get(0);
            Await.until(() -> !process.isAlive(), Duration.ofSeconds(15), "the command to exit after the idle timeout");
            assertThat(Processes.withTag(tag)).isEmpty();
            assertThat(state(server)).isNotEqualTo("offline"); // idle is not a failure

            // A snapshot of the cold camera answers at once with the last frame, and wakes the source.
            var snapshot = server.get("/cameras/cam/snapshot.jpg");
            assertThat(snapshot.statusCode()).isEqualTo(200);
            TestJpegs.decode(snapshot.body());
            Await.until(() -> Processes.withTag(tag).size() == 1, Duration.ofSeconds(10), "a snapshot to start the command again");
        }
        assertThat(Processes.withTag(tag)).as("no orphan after the server stopped").isEmpty();
    }

    @Test
    void killedCommandMarksTheCameraOfflineThenItComesBackLive() throws Exception {
        try (TestServer server = serve(ffmpeg(), true, Duration.ofSeconds(1))) {
            Await.until(() -> "live".equals(state(server)), Duration.ofSeconds(15), "the camera to go live");
            ProcessHandle first = Processes.withTag(tag).get(0);
            first.destroyForcibly();

            Await.until(() -> "offline".equals(state(server)), Duration.ofSeconds(10), "the camera to be marked offline");
            Await.until(() -> "live".equals(state(server)), Duration.ofSeconds(15), "the camera to come back live");
            List<ProcessHandle> now = Processes.withTag(tag);
            assertThat(now).hasSize(1);
            assertThat(now.get(0).pid()).isNotEqualTo(first.pid());

            long seq = Long.parseLong(server.get("/cameras/cam/snapshot.jpg").headers().firstValue("X-Frame-Sequence").orElseThrow());
            var newer = server.get("/cameras/cam/snapshot.jpg?after=" + seq);
            assertThat(Long.parseLong(newer.headers().firstValue("X-Frame-Sequence").orElseThrow())).isGreaterThan(seq);
        }
    }

    private static void assertEveryFrameDecodes(TestServer server) throws Exception {
        try (StreamViewer viewer = new StreamViewer(server.uri("/cameras/cam/stream.mjpg"))) {
            for (int i = 0; i < 12; i++) {
                BufferedImage image = TestJpegs.decode(viewer.next());
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(240);
            }
        }
    }

    static String state(TestServer server) {
        JsonObject body = new JsonObject(new String(server.get("/api/cameras").body(), StandardCharsets.UTF_8));
        return body.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> "cam".equals(c.getString("id"))).findFirst().orElseThrow().getString("state");
    }
}
