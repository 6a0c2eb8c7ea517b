package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.http.TlsFiles;
import org.livecam.testing.Await;
import org.livecam.testing.Chromium;
import org.livecam.testing.TestCertificates;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * Headless Chromium on the camera page over HTTPS: the page comes over HTTP/2 (ALPN), and so
 * does its MJPEG {@code <img>} (same origin, same connection); the WebSocket transport runs
 * over wss. Chromium is told to accept the test CA's certificate with --ignore-certificate-errors.
 */
class ChromiumOverTlsTest {
    @TempDir
    Path data;
    @TempDir
    Path certs;

    @Test
    void theCameraPageShowsLiveFramesOverHttpsByMjpegOnHttp2AndByWebSocket() throws Exception {
        assumeTrue(Chromium.available(), "Chromium is not installed (scripts/test installs it)");
        TestCertificates ca = TestCertificates.newCa(certs);
        Path cert = certs.resolve("fullchain.pem");
        Path key = certs.resolve("privkey.pem");
        ca.issue(cert, key, TestCertificates.KeyForm.PKCS8_EC);
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withTls(new TlsFiles(cert, key))));
             Chromium chromium = Chromium.start("--ignore-certificate-errors")) {
            String base = "https://127.0.0.1:" + server.port();
            publish(ca, base, Color.BLUE);

            chromium.open(base + "/cameras/cam?transport=mjpeg");
            assertThat(chromium.script("return performance.getEntriesByType('navigation')[0].nextHopProtocol")).isEqualTo("h2");
            Await.until(() -> chromium.centreOf("#view img") != null, Duration.ofSeconds(20), "the MJPEG <img> draws a frame");
            publish(ca, base, Color.GREEN);
            Await.until(() -> ChromiumLastFrameTest.isGreen(chromium.centreOf("#view img")), Duration.ofSeconds(20),
                    "the next frame drawn from the MJPEG stream over h2");

            chromium.open(base + "/cameras/cam");
            Await.until(() -> chromium.centreOf("#view canvas") != null, Duration.ofSeconds(20), "the WebSocket player draws a frame");
            publish(ca, base, Color.RED);
            Await.until(() -> isRed(chromium.centreOf("#view canvas")), Duration.ofSeconds(20), "the next frame over wss");
        }
    }

    private static boolean isRed(Color c) {
        return c != null && c.getRed() > 150 && c.getGreen() < 100 && c.getBlue() < 100;
    }

    private static void publish(TestCertificates ca, String base, Color color) throws Exception {
        HttpResponse<String> answer = ca.client().send(HttpRequest.newBuilder(URI.create(base + "/cameras/cam/frame"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestJpegs.solid(320, 180, color))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }
}
