package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.Chromium;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * Issue 2, item 6: Chrome draws a multipart part only when it sees the boundary after it, so a
 * server that sends the boundary before each part leaves the last frame of a run undrawn until
 * another frame comes, which may be never. livecam sends the boundary right after each part;
 * this proves in real Chromium that the last frame is shown while nothing more is published.
 */
class ChromiumLastFrameTest {
    @TempDir
    Path data;

    @Test
    void cameraPageShowsTheLastFrameOfARunWithoutWaitingForAnother() throws Exception {
        assumeTrue(Chromium.available(), "chromium and chromedriver are not installed (scripts/test installs them)");
        try (TestServer server = TestServer.start(data);
             Chromium chromium = Chromium.start()) {
            server.publish("x", TestJpegs.solid(320, 180, Color.BLUE));
            chromium.open(server.uri("/cameras/x").toString());
            Await.until(() -> chromium.script("return document.querySelector('#view img') !== null") == Boolean.TRUE,
                    Duration.ofSeconds(20), "the camera page to put the stream in an <img>");
            Thread.sleep(1000); // let the stream connect and the first frame be drawn

            server.publish("x", TestJpegs.solid(320, 180, Color.RED));
            Thread.sleep(300);
            server.publish("x", TestJpegs.solid(320, 180, Color.GREEN));
            // From now on nothing is published: only the boundary after GREEN can make Chrome draw it.

            List<Color> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            boolean green = false;
            while (!green && System.currentTimeMillis() < deadline) {
                Color c = chromium.centreOf("#view img");
                seen.add(c);
                green = c != null && isGreen(c);
                if (!green) {
                    Thread.sleep(100);
                }
            }
            assertThat(green)
                    .as("Chromium must draw the last frame (green) while no next frame comes; it drew, in order: %s", distinct(seen))
                    .isTrue();
            Thread.sleep(1000);
            assertThat(chromium.centreOf("#view img")).as("the last frame stays drawn").matches(ChromiumLastFrameTest::isGreen);
        }
    }

    static boolean isGreen(Color c) {
        return c.getGreen() > 150 && c.getRed() < 100 && c.getBlue() < 100;
    }

    private static List<String> distinct(List<Color> colors) {
        List<String> names = new ArrayList<>();
        for (Color c : colors) {
            String name = c == null ? "nothing" : "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
            if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
