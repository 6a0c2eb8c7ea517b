package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.DemoCamera;
import org.livecam.testing.Await;
import org.livecam.testing.Chromium;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The pages in real headless Chromium, against a server running a small demo camera. */
class ChromiumPageTest {
    @TempDir
    static Path data;
    static TestServer server;
    static Chromium chromium;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.available(), "chromium and chromedriver are not installed (scripts/test installs them)");
        server = TestServer.start(data, c -> c.withCamera(DemoCamera.of("demo", 320, 180, 10)));
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFrontPageShowsTheDemoCameraAndItsPictureChanges() throws Exception {
        chromium.open(server.uri("/").toString());
        String demo = "figure[data-camera=demo] canvas";
        Await.until(() -> chromium.fingerprintOf(demo) != null, Duration.ofSeconds(20), "the demo camera's picture on /");
        assertThat(chromium.script("return document.querySelector(arguments[0]).width", demo)).isEqualTo(320L);
        String first = chromium.fingerprintOf(demo);
        Await.until(() -> !first.equals(chromium.fingerprintOf(demo)), Duration.ofSeconds(10), "the demo picture to change");
    }

    @Test
    void theCameraPageShowsThePictureAndItsFigures() throws Exception {
        chromium.open(server.uri("/cameras/demo").toString());
        Await.until(() -> chromium.fingerprintOf("#view canvas") != null, Duration.ofSeconds(20), "the demo picture on its page");
        Await.until(() -> "320×180".equals(stat("resolution")), Duration.ofSeconds(10), "the resolution figure");
        Await.until(() -> "live".equals(stat("state")), Duration.ofSeconds(10), "the state figure");
        Await.until(() -> Integer.parseInt(stat("viewers")) >= 1, Duration.ofSeconds(10), "this page counted as a viewer");
        Await.until(() -> Double.parseDouble(stat("fps in")) > 0, Duration.ofSeconds(10), "an fps figure");
    }

    @Test
    void theCameraPageForcedToPollShowsThePictureChangingAndItsFps() throws Exception {
        chromium.open(server.uri("/cameras/demo?transport=poll").toString());
        Await.until(() -> chromium.fingerprintOf("#view canvas") != null, Duration.ofSeconds(20), "the polled picture");
        String first = chromium.fingerprintOf("#view canvas");
        Await.until(() -> !first.equals(chromium.fingerprintOf("#view canvas")), Duration.ofSeconds(10), "the polled picture to change");
        assertThat(stat("transport")).isEqualTo("poll");
        assertThat(chromium.script("return document.getElementById('view').dataset.transport")).isEqualTo("poll");
        Await.until(() -> Double.parseDouble(stat("fps here")) > 0, Duration.ofSeconds(10), "the fps this page sees");
    }

    @Test
    void theFrontPageForcedToMjpegShowsEachCameraAsAStream() throws Exception {
        chromium.open(server.uri("/?transport=mjpeg").toString());
        String demo = "figure[data-camera=demo] img";
        Await.until(() -> chromium.fingerprintOf(demo) != null, Duration.ofSeconds(20), "the demo stream on /");
        assertThat((String) chromium.script("return document.querySelector(arguments[0]).src", demo))
                .endsWith("/cameras/demo/stream.mjpg?width=640");
        String first = chromium.fingerprintOf(demo);
        Await.until(() -> !first.equals(chromium.fingerprintOf(demo)), Duration.ofSeconds(10), "the demo stream to move");
    }

    @Test
    void theTutorialsTestPageShowsEachNewFrameOfTheDefaultCamera() throws Exception {
        server.publish("live", TestJpegs.solid(160, 120, Color.RED));
        chromium.open(server.uri("/test").toString());
        Await.until(() -> isNear(chromium.centreOf("#live"), Color.RED), Duration.ofSeconds(20), "the red frame on /test");
        server.publish("live", TestJpegs.solid(160, 120, Color.GREEN));
        Await.until(() -> isNear(chromium.centreOf("#live"), Color.GREEN), Duration.ofSeconds(10), "the green frame on /test");
    }

    private static String stat(String name) {
        return (String) chromium.script("const d = document.querySelector('dd[data-stat=\"' + arguments[0] + '\"]');"
                + "return d ? d.textContent : '0';", name);
    }

    private static boolean isNear(Color actual, Color expected) {
        return actual != null && Math.abs(actual.getRed() - expected.getRed()) < 60
                && Math.abs(actual.getGreen() - expected.getGreen()) < 60 && Math.abs(actual.getBlue() - expected.getBlue()) < 60;
    }
}
