package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.awt.Color;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.RawWebSocketReader;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/** What the log says as viewers come and go: the count after each change, and no noise from a closed socket. */
class ViewerLogLinesTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestServerExtension server = new TestServerExtension();

    @Test
    void joinAndLeaveLinesCountTheViewersAfterTheChange() throws Exception {
        server.publish("cam", TestJpegs.solid(64, 48, Color.RED));
        try (CapturedLog log = CapturedLog.of(StreamHandler.class)) {
            WebSocketTestClient first = WebSocketTestClient.connect(server, "/cameras/cam/ws");
            first.nextFrame();
            try (InputStream second = mjpeg("/cameras/cam/stream.mjpg")) {
                Await.until(() -> log.lines("joined").size() == 2, LIMIT, "both join lines");
                assertThat(log.lines("joined")).satisfiesExactly(
                        line -> assertThat(line).contains("WebSocket viewer joined camera cam").endsWith("(1 watching)"),
                        line -> assertThat(line).contains("MJPEG viewer joined camera cam").endsWith("(2 watching)"));

                first.close();
                Await.until(() -> log.lines("left").size() == 1, LIMIT, "the first leave line");
                assertThat(log.lines("left").get(0)).contains("WebSocket viewer left camera cam").endsWith("(1 watching)");
            }
            Await.until(() -> log.lines("left").size() == 2, LIMIT, "the second leave line");
            assertThat(log.lines("left").get(1)).contains("MJPEG viewer left camera cam").endsWith("(0 watching)");
        }
    }

    @Test
    void aMultiCameraLeaveLineCountsWhoStillWatchesEachCamera() throws Exception {
        server.publish("a", TestJpegs.solid(64, 48, Color.RED));
        server.publish("b", TestJpegs.solid(64, 48, Color.BLUE));
        try (CapturedLog log = CapturedLog.of(MultiCameraSocket.class);
             WebSocketTestClient stays = WebSocketTestClient.connect(server, "/ws")) {
            stays.send("{\"subscribe\":\"a\"}");
            stays.frameOf("a", 1);
            WebSocketTestClient leaves = WebSocketTestClient.connect(server, "/ws");
            leaves.send("{\"subscribe\":\"a\"}");
            leaves.send("{\"subscribe\":\"b\",\"width\":320}");
            leaves.frameOf("a", 1);
            leaves.frameOf("b", 1);
            leaves.close();
            Await.until(() -> !log.lines("left").isEmpty(), LIMIT, "the leave line");
            assertThat(log.lines("left")).singleElement().asString().endsWith("(a: 1 watching, b: 0 watching)");
        }
    }

    @Test
    void closingAViewerSocketLogsNoWarning() throws Exception {
        server.publish("cam", TestJpegs.solid(640, 480, Color.RED));
        try (CapturedLog everything = CapturedLog.all(); CapturedLog leaves = CapturedLog.of(StreamHandler.class)) {
            for (int i = 0; i < 5; i++) {
                WebSocketTestClient politely = WebSocketTestClient.connect(server, "/cameras/cam/ws");
                politely.nextFrame();
                server.publish("cam", TestJpegs.solid(640, 480, Color.BLUE));
                politely.closeNormally(); // a close frame, as a browser leaving the page sends
                WebSocketTestClient abruptly = WebSocketTestClient.connect(server, "/cameras/cam/ws");
                abruptly.nextFrame();
                abruptly.close(); // the connection dropped without a close frame
            }
            WebSocketTestClient multi = WebSocketTestClient.connect(server, "/ws");
            multi.send("{\"subscribe\":\"cam\"}");
            multi.frameOf("cam", 1);
            multi.closeNormally();
            Await.until(() -> leaves.lines("left").size() == 10, LIMIT, "every viewer's leave line");
            Await.until(() -> server.server().cameras().get("cam").orElseThrow().demand() == 0, LIMIT, "nobody left watching");
            List<String> warnings = everything.lines(Level.WARN);
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void aViewerThatClosesAndDropsWhileTheServerIsBusyWritingLeavesNoWarning() throws Exception {
        server.publish("busy", WebSocketViewerTest.noise(1));
        try (CapturedLog everything = CapturedLog.all(); CapturedLog leaves = CapturedLog.of(StreamHandler.class)) {
            for (int i = 0; i < 3; i++) {
                RawWebSocketReader viewer = RawWebSocketReader.open(server.port(), "/cameras/busy/ws", 4096);
                viewer.next();
                for (int seq = 0; seq < 4; seq++) { // more than the viewer reads: the server's buffers fill
                    server.publish("busy", WebSocketViewerTest.noise(seq + 2));
                }
                viewer.closeAndDrop(1001); // "going away", then gone before the server's answer
            }
            Await.until(() -> leaves.lines("left").size() == 3, LIMIT, "every viewer's leave line");
            assertThat(everything.lines(Level.WARN)).isEmpty();
        }
    }

    private InputStream mjpeg(String path) throws Exception {
        HttpResponse<InputStream> response = server.client().send(HttpRequest.newBuilder(server.uri(path))
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
