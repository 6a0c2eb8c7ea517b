package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * The Raspberry Pi tutorial's own client, unchanged but for the camera: its loop
 * {@code r = requests.post(url, data=image.getvalue())} against {@code /?password=}, run by
 * the Python of LIVECAM_PYTHON (scripts/test sets it to one with python3-requests).
 */
class TutorialPythonClientTest {
    private static final String CLIENT = """
            import glob
            import io
            import sys
            import time
            import requests

            url = sys.argv[1]
            for path in sorted(glob.glob(sys.argv[2] + '/*.jpg')):
                try:
                    with open(path, 'rb') as f:
                        image = io.BytesIO(f.read())  # stands in for camera.capture(image, 'jpeg')
                    r = requests.post(url, data=image.getvalue())
                    print(r.status_code, flush=True)
                except:
                    time.sleep(5)  # wait for WiFi/server to come back
            """;

    @TempDir
    Path data;
    @TempDir
    Path pictures;

    @Test
    void theTutorialsClientPublishesFramesThatLiveJpegServes() throws Exception {
        String python = System.getenv().getOrDefault("LIVECAM_PYTHON", "python3");
        assumeTrue(hasRequests(python), python + " with the requests module is not installed (scripts/test installs python3-requests)");
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
        for (int i = 0; i < colors.length; i++) {
            Files.write(pictures.resolve("frame" + i + ".jpg"), TestJpegs.solid(320, 240, colors[i]));
        }
        Path script = pictures.resolve("camera.py");
        Files.writeString(script, CLIENT);

        try (TestServer server = TestServer.start(data)) {
            Process client = new ProcessBuilder(python, script.toString(),
                    server.uri("/?password=" + TestServer.PASSWORD).toString(), pictures.toString())
                    .redirectErrorStream(true).start();
            try {
                String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(client.exitValue()).as(output).isZero();
                assertThat(output.lines().toList()).as("one answer per picture").isEqualTo(List.of("200", "200", "200", "200"));
            } finally {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            HttpResponse<byte[]> live = server.get("/live.jpeg");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo(Files.readAllBytes(pictures.resolve("frame3.jpg")));
            assertThat(live.headers().firstValue("X-Frame-Sequence")).hasValue("4");
        }
    }

    private static boolean hasRequests(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import requests").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
