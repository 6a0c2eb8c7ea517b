package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.TestServerExtension;

class WebSocketViewerTest {
    // Measured: 1; 9 when back-pressure followed Vert.x's message-counting queue (16 messages).
    private static final int OLD_FRAMES_MAX = 3;

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension();

    @Test
    void viewerGetsEachFrameAsPreambleThenTheSameJpegBytes() throws Exception {
        byte[] red = TestJpegs.solid(320, 240, Color.RED);
        byte[] blue = TestJpegs.solid(320, 240, Color.BLUE);
        server.publish("cam", red);
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/cam/ws")) {
            WebSocketTestClient.Received first = viewer.nextFrame();
            assertThat(first.jpeg()).isEqualTo(red);
            assertThat(first.camera()).isEqualTo("cam");
            assertThat(first.preamble().getInteger("width")).isEqualTo(320);
            assertThat(first.preamble().getInteger("height")).isEqualTo(240);
            assertThat(first.preamble().getInteger("bytes")).isEqualTo(red.length);
            assertThat(first.preamble().getLong("time")).isPositive();

            server.publish("cam", blue);
            WebSocketTestClient.Received second = viewer.nextFrame();
            assertThat(second.seq()).isEqualTo(first.seq() + 1);
            assertThat(TestJpegs.centre(second.jpeg()).getBlue()).isGreaterThan(200);
        }
    }

    @Test
    void framesGoOutUncompressedEvenWhenTheBrowserOffersDeflate() throws Exception {
        byte[] jpeg = noise(1);
        server.publish("cam", jpeg);
        // What Chrome and Firefox send on every WebSocket upgrade.
        try (RawWebSocketReader viewer = RawWebSocketReader.open(server.port(), "/cameras/cam/ws", 0,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertThat(viewer.responseHead()).noneMatch(line -> line.toLowerCase().startsWith("sec-websocket-extensions"));
            assertThat(viewer.next().jpeg()).isEqualTo(jpeg);
        }
    }

    @Test
    void stalledViewerSkipsToNewestFrameAndDoesNotSlowOthers() throws Exception {
        server.publish("cam", noise(1));
        // The stalled viewer reads a raw socket with a 4 KB receive buffer: what it finds on
        // resuming is what the server held for it, not what a client library read ahead.
        try (RawWebSocketReader stalled = RawWebSocketReader.open(server.port(), "/cameras/cam/ws", 4096);
             WebSocketTestClient healthy = WebSocketTestClient.connect(server, "/cameras/cam/ws")) {
            stalled.next();
            healthy.nextFrame();
            int published = 60;
            long lastSeq = 0;
            for (int i = 0; i < published; i++) { // ~30 MB: far more than the stalled socket's buffers hold
                lastSeq = server.publish("cam", noise(i + 2)).statusCode() == 200 ? lastSeq + 1 : lastSeq;
            }
            assertThat(lastSeq).isEqualTo(published);
            assertThat(healthy.frameOf("cam", published + 1).jpeg()).isEqualTo(noise(published + 1));

            int old = 0;
            RawWebSocketReader.Message newest = stalled.next();
            for (; newest.seq() < published + 1; newest = stalled.next()) {
                old++;
            }
            assertThat(newest.jpeg()).isEqualTo(noise(published + 1));
            System.out.printf("stalled WebSocket viewer had %d old frame(s) in the pipe before the newest%n", old);
            assertThat(old).as("old frames waiting for the stalled viewer (socket buffers included)").isLessThanOrEqualTo(OLD_FRAMES_MAX);
        }
    }

    @Test
    void fpsParameterCapsTheRate() throws Exception {
        server.publish("cam", TestJpegs.solid(64, 48, Color.GREEN));
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/cam/ws?fps=2")) {
            viewer.nextFrame();
            long start = System.nanoTime();
            int published = 40;
            for (int i = 0; i < published; i++) {
                server.publish("cam", TestJpegs.solid(64, 48, new Color(i * 5, 100, 100)));
                Thread.sleep(25); // a live camera at 40 fps: the cap is measured against real time
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long newest = published + 1;
            Await.until(() -> viewer.frames.stream().anyMatch(f -> f.seq() == newest), Duration.ofSeconds(5),
                    "the capped viewer to get the newest frame once its next turn comes");
            assertThat(viewer.frames.size()).isLessThanOrEqualTo((int) Math.ceil(seconds * 2) + 2);
            assertThat(viewer.frames).isNotEmpty();
        }
    }

    @Test
    void unknownCameraIsRefusedBeforeTheUpgrade() {
        assertThatThrownBy(() -> WebSocketTestClient.connect(server, "/cameras/nobody/ws")).hasRootCauseMessage("Unexpected HTTP response status code 404");
    }

    /** A JPEG of about 500 KB that does not compress; {@code seed} makes each one different. */
    static byte[] noise(int seed) {
        return TestJpegs.noise(640, 480, seed, 0.9f);
    }
}
