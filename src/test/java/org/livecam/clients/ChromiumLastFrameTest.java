package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.livecam.testing.Await;
import org.livecam.testing.ChromiumExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServerExtension;

/**
 * The last frame of a run must be shown by Chromium without waiting for a next
 * frame that may never come. Measured with Chromium 156: it draws a part only once the headers
 * of the part after it arrive; the boundary right after the part is not enough (and neither is
 * the boundary before it). The server therefore sends the last frame once more after a second
 * of quiet; these tests fail without that (Chromium keeps showing the frame before the last).
 */
class ChromiumLastFrameTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension();
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @Test
    void cameraPageShowsTheLastFrameOfARunWithoutWaitingForAnother() throws Exception {
        server.publish("run", TestJpegs.solid(320, 180, Color.BLUE));
        chromium.get().open(server.uri("/cameras/run?transport=mjpeg").toString());
        Await.until(() -> chromium.get().script("return document.querySelector('#view img') !== null") == Boolean.TRUE,
                Duration.ofSeconds(20), "the camera page to put the stream in an <img>");
        Await.until(() -> viewers("run") == 1, Duration.ofSeconds(20), "the page's stream to be watching the camera");

        server.publish("run", TestJpegs.solid(320, 180, Color.RED));
        Thread.sleep(300); // a live camera's pace: the subject is a run of frames that then stops
        server.publish("run", TestJpegs.solid(320, 180, Color.GREEN));
        // From now on nothing is published.

        List<String> seen = waitForGreen();
        assertThat(seen).as("Chromium must draw the last frame (green) while no next frame comes; it drew, in order: %s", seen)
                .last().isEqualTo("green");
        Thread.sleep(1000); // time is the subject: nothing is published, and green must stay drawn
        assertThat(chromium.get().centreOf("#view img")).as("the last frame stays drawn").matches(ChromiumLastFrameTest::isGreen);
    }

    @Test
    void aNewViewerOfACameraThatPublishesNothingMoreSeesItsFrame() throws Exception {
        // A camera that stopped (or a frame restored after a restart): its one frame must still be drawn.
        server.publish("still", TestJpegs.solid(320, 180, Color.GREEN));
        chromium.get().open(server.uri("/cameras/still?transport=mjpeg").toString());
        List<String> seen = waitForGreen();
        assertThat(seen).as("Chromium must draw the only frame of an idle camera; it drew, in order: %s", seen)
                .last().isEqualTo("green");
    }

    /** Polls the drawn colour until it is green, for up to 10 s; the distinct colours seen, in order. */
    private static List<String> waitForGreen() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        try {
            Await.until(() -> {
                Color c = chromium.get().centreOf("#view img");
                String name = c == null ? "nothing" : isGreen(c) ? "green" : "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(name)) {
                    seen.add(name);
                }
                return name.equals("green");
            }, Duration.ofSeconds(10), "green to be drawn");
        } catch (AssertionError notGreen) {
            // The caller's assertion names every colour drawn, which says more than a timeout.
        }
        return seen;
    }

    private static int viewers(String camera) {
        return new JsonObject(new String(server.get("/api/cameras/" + camera).body())).getInteger("viewers");
    }

    static boolean isGreen(Color c) {
        return c.getGreen() > 150 && c.getRed() < 100 && c.getBlue() < 100;
    }
}
