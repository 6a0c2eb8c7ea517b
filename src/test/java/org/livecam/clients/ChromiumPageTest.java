package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.DemoCamera;
import org.livecam.testing.Await;
import org.livecam.testing.ChromiumExtension;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import org.livecam.testing.TestServerExtension;

/** The pages in real headless Chromium, against a server running a small demo camera. */
class ChromiumPageTest {
    @RegisterExtension
    static final TestServerExtension server = new TestServerExtension(c -> c.withCamera(DemoCamera.of("demo", 320, 180, 10, Duration.ofSeconds(10))));
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @Test
    void theFrontPageShowsTheDemoCameraAndItsPictureChanges() throws Exception {
        chromium.get().open(server.uri("/").toString());
        String demo = "figure[data-camera=demo] canvas";
        Await.until(() -> chromium.get().fingerprintOf(demo) != null, Duration.ofSeconds(20), "the demo camera's picture on /");
        assertThat(chromium.get().script("return document.querySelector(arguments[0]).width", demo)).isEqualTo(320L);
        String first = chromium.get().fingerprintOf(demo);
        Await.until(() -> !first.equals(chromium.get().fingerprintOf(demo)), Duration.ofSeconds(10), "the demo picture to change");
    }

    @Test
    void theCameraPageShowsThePictureAndItsFigures() throws Exception {
        chromium.get().open(server.uri("/cameras/demo").toString());
        Await.until(() -> chromium.get().fingerprintOf("#view canvas") != null, Duration.ofSeconds(20), "the demo picture on its page");
        Await.until(() -> "320×180".equals(stat("resolution")), Duration.ofSeconds(10), "the resolution figure");
        Await.until(() -> "live".equals(stat("state")), Duration.ofSeconds(10), "the state figure");
        Await.until(() -> Integer.parseInt(stat("viewers")) >= 1, Duration.ofSeconds(10), "this page counted as a viewer");
        Await.until(() -> Double.parseDouble(stat("fps in")) > 0, Duration.ofSeconds(10), "an fps figure");
    }

    @Test
    void theCameraPageForcedToPollShowsThePictureChangingAndItsFps() throws Exception {
        chromium.get().open(server.uri("/cameras/demo?transport=poll").toString());
        Await.until(() -> chromium.get().fingerprintOf("#view canvas") != null, Duration.ofSeconds(20), "the polled picture");
        String first = chromium.get().fingerprintOf("#view canvas");
        Await.until(() -> !first.equals(chromium.get().fingerprintOf("#view canvas")), Duration.ofSeconds(10), "the polled picture to change");
        assertThat(stat("transport")).isEqualTo("poll");
        assertThat(chromium.get().script("return document.getElementById('view').dataset.transport")).isEqualTo("poll");
        Await.until(() -> Double.parseDouble(stat("fps here")) > 0, Duration.ofSeconds(10), "the fps this page sees");
    }

    @Test
    void theFrontPageForcedToMjpegShowsEachCameraAsAStream() throws Exception {
        chromium.get().open(server.uri("/?transport=mjpeg").toString());
        String demo = "figure[data-camera=demo] img";
        Await.until(() -> chromium.get().fingerprintOf(demo) != null, Duration.ofSeconds(20), "the demo stream on /");
        assertThat((String) chromium.get().script("return document.querySelector(arguments[0]).src", demo))
                .endsWith("/cameras/demo/stream.mjpg?width=auto");
        String first = chromium.get().fingerprintOf(demo);
        Await.until(() -> !first.equals(chromium.get().fingerprintOf(demo)), Duration.ofSeconds(10), "the demo stream to move");
    }

    @Test
    void theTutorialsTestPageShowsEachNewFrameOfTheDefaultCamera() throws Exception {
        server.publish("live", TestJpegs.solid(160, 120, Color.RED));
        chromium.get().open(server.uri("/test").toString());
        Await.until(() -> isNear(chromium.get().centreOf("#live"), Color.RED), Duration.ofSeconds(20), "the red frame on /test");
        server.publish("live", TestJpegs.solid(160, 120, Color.GREEN));
        Await.until(() -> isNear(chromium.get().centreOf("#live"), Color.GREEN), Duration.ofSeconds(10), "the green frame on /test");
    }

    @Test
    void theTutorialsTestPageShowsNoBrokenImageBeforeTheFirstFrame(@TempDir Path data) throws Exception {
        try (TestServer fresh = TestServer.start(data, c -> c.withHttp(h -> h.withDefaultCamera("fresh")))) {
            chromium.get().open(fresh.uri("/test").toString()); // its request for a frame now waits for one
            assertThat(chromium.get().script("return document.getElementById('status').textContent")).isEqualTo("waiting for a frame…");
            assertThat(chromium.get().script(NO_BROKEN_IMAGE)).as("no image without a picture is shown").isEqualTo(true);
            assertThat(chromium.get().script("return document.getElementById('live').checkVisibility()")).isEqualTo(false);

            fresh.publish("fresh", TestJpegs.solid(160, 120, Color.RED));
            Await.until(() -> isNear(chromium.get().centreOf("#live"), Color.RED), Duration.ofSeconds(20), "the first frame on /test");
            assertThat(chromium.get().script("return document.getElementById('live').checkVisibility()")).isEqualTo(true);
            assertThat(chromium.get().script(NO_BROKEN_IMAGE)).isEqualTo(true);
        }
    }

    private static final String NO_BROKEN_IMAGE =
            "return [...document.images].every(img => !img.checkVisibility() || img.naturalWidth > 0)";

    private static String stat(String name) {
        return (String) chromium.get().script("const d = document.querySelector('dd[data-stat=\"' + arguments[0] + '\"]');"
                + "return d ? d.textContent : '0';", name);
    }

    private static boolean isNear(Color actual, Color expected) {
        return actual != null && Math.abs(actual.getRed() - expected.getRed()) < 60
                && Math.abs(actual.getGreen() - expected.getGreen()) < 60 && Math.abs(actual.getBlue() - expected.getBlue()) < 60;
    }
}
