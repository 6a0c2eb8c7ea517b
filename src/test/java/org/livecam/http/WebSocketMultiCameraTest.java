package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

class WebSocketMultiCameraTest {
    @RegisterExtension
    final TestServerExtension server = new TestServerExtension();

    @Test
    void oneSocketCarriesFramesOfSeveralCamerasAndUnsubscribeStopsThem() throws Exception {
        byte[] red = TestJpegs.solid(160, 120, Color.RED);
        byte[] blue = TestJpegs.solid(160, 120, Color.BLUE);
        server.publish("a", red);
        server.publish("b", blue);
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
            viewer.send("{\"subscribe\":\"a\"}");
            viewer.send("{\"subscribe\":\"b\"}");
            assertThat(viewer.frameOf("a", 1).jpeg()).isEqualTo(red);
            assertThat(viewer.frameOf("b", 1).jpeg()).isEqualTo(blue);

            server.publish("a", blue);
            server.publish("b", red);
            assertThat(viewer.frameOf("a", 2).jpeg()).isEqualTo(blue);
            assertThat(viewer.frameOf("b", 2).jpeg()).isEqualTo(red);

            viewer.send("{\"unsubscribe\":\"a\"}");
            viewer.message("unsubscribed");
            assertThat(server.server().cameras().get("a").orElseThrow().demand())
                    .as("the socket left camera a before it answered").isZero();
            viewer.frames.clear();
            server.publish("a", red);
            server.publish("b", blue);
            assertThat(viewer.frameOf("b", 3).jpeg()).isEqualTo(blue);
            assertThat(viewer.frames).noneMatch(f -> f.camera().equals("a"));
        }
    }

    @Test
    void busyCameraDoesNotStarveAQuietOneOnTheSameSocket() throws Exception {
        server.publish("busy", WebSocketViewerTest.noise(1));
        server.publish("quiet", TestJpegs.solid(160, 120, Color.GREEN));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread flood = new Thread(() -> {
            for (int i = 2; running.get(); i++) {
                server.publish("busy", WebSocketViewerTest.noise(i % 4));
            }
        }, "flood");
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
            viewer.send("{\"subscribe\":\"busy\"}");
            viewer.send("{\"subscribe\":\"quiet\"}");
            viewer.frameOf("quiet", 1);
            flood.start();
            for (int round = 2; round <= 4; round++) {
                long seq = server.server().cameras().get("quiet").orElseThrow().latest().sequence() + 1;
                server.publish("quiet", TestJpegs.solid(160, 120, new Color(0, 60 * round, 0)));
                assertThat(viewer.frameOf("quiet", seq).seq()).isEqualTo(seq);
            }
        } finally {
            running.set(false);
            flood.join(TimeUnit.SECONDS.toMillis(20));
        }
    }

    @Test
    void subscriptionWithWidthGetsTheResizedVariant() throws Exception {
        server.publish("wide", TestJpegs.solid(1280, 720, Color.ORANGE));
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
            viewer.send("{\"subscribe\":\"wide\",\"width\":640}");
            WebSocketTestClient.Received frame = viewer.frameOf("wide", 1);
            assertThat(frame.preamble().getInteger("width")).isEqualTo(640);
            assertThat(TestJpegs.decode(frame.jpeg()).getHeight()).isEqualTo(360);
        }
    }

    @Test
    void unknownCameraAndBadMessagesAreAnsweredWithErrors() throws Exception {
        try (WebSocketTestClient viewer = WebSocketTestClient.connect(server, "/ws")) {
            viewer.send("{\"subscribe\":\"nobody\"}");
            assertThat(viewer.message("error").getString("error")).contains("no camera 'nobody'");
            viewer.send("hello");
            assertThat(viewer.message("error").getString("error")).contains("JSON");
            server.publish("late", TestJpegs.solid(64, 48, Color.RED));
            viewer.send("{\"subscribe\":\"late\"}");
            assertThat(viewer.message("subscribed").getString("camera")).isEqualTo("late");
            viewer.frameOf("late", 1);
        }
    }
}
