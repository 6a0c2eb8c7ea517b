package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/** One INFO line per viewer session, at its end, with what it was sent and why it ended. */
class ViewerSessionLogTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension();

    @Test
    void aWebSocketSessionLineCountsTheFramesAndBytesSentWhenTheClientCloses() throws Exception {
        long bytes = 0;
        try (CapturedLog log = CapturedLog.of(ViewerSession.class)) {
            byte[] first = TestJpegs.solid(64, 48, Color.RED);
            server.publish("porch", first);
            bytes += first.length;
            WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/cameras/porch/ws");
            viewer.nextFrame();
            for (Color color : new Color[] {Color.GREEN, Color.BLUE}) {
                byte[] jpeg = TestJpegs.solid(64, 48, color);
                server.publish("porch", jpeg);
                bytes += jpeg.length;
                viewer.nextFrame();
            }
            assertThat(log.lines("Viewer session ended")).as("nothing while it lasts").isEmpty();
            viewer.closeNormally();
            Await.until(() -> !log.lines("Viewer session ended").isEmpty(), LIMIT, "the session line");
            assertThat(log.lines("Viewer session ended")).singleElement().asString()
                    .contains("websocket porch from 127.0.0.1, ")
                    .contains(", 3 frames, " + bytes + " bytes, client closed")
                    .containsPattern(", \\d+\\.\\d s, ");
        }
    }

    @Test
    void mjpegAndGridSessionsSayTheirTransportAndCameras() throws Exception {
        server.publish("a", TestJpegs.solid(64, 48, Color.RED));
        server.publish("b", TestJpegs.solid(64, 48, Color.BLUE));
        try (CapturedLog log = CapturedLog.of(ViewerSession.class)) {
            try (MjpegReader mjpeg = MjpegReader.open(server.port(), "/cameras/a/stream.mjpg")) {
                mjpeg.next();
            }
            Await.until(() -> log.lines("Viewer session ended").size() == 1, LIMIT, "the MJPEG session line");
            assertThat(log.lines("Viewer session ended").get(0)).contains("mjpeg a from").containsPattern(", [1-9]\\d* frames, ")
                    .endsWith("client closed");

            WebSocketTestClient grid = WebSocketTestClient.connect(server, "/ws");
            grid.send("{\"subscribe\":\"a\"}");
            grid.send("{\"subscribe\":\"b\"}");
            grid.frameOf("a", 1);
            grid.frameOf("b", 1);
            grid.closeNormally();
            Await.until(() -> log.lines("Viewer session ended").size() == 2, LIMIT, "the grid session line");
            assertThat(log.lines("Viewer session ended").get(1)).contains("grid a,b from").contains(", 2 frames, ")
                    .endsWith("client closed");
        }
    }
}
