package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.push;
import static org.livecam.push.PushTesting.serverUrl;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import org.livecam.frame.Frame;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** {@code livecam push} as a user runs it, against the real server on loopback. */
class PushCommandTest {
    @TempDir
    Path data;

    @Test
    void framesPublishedByPushArriveWholeAndFpsCapsTheRate() throws Exception {
        try (TestServer server = TestServer.start(data);
             PushSession session = push("--server", serverUrl(server), "--camera", "garden", "--token", TestServer.TOKEN,
                     "--fps", "5", "--stats-interval", "0", "test:?size=320x240&fps=25")) {
            // FpsCapTest checks the pacing on a clock; here only what a user sees, over the few frames that takes.
            UploadStats stats = session.uploader().stats();
            Await.until(() -> stats.sent() >= 1, Duration.ofSeconds(20), "first frame sent");
            long sentBefore = stats.sent();
            long start = System.nanoTime();
            Frame first = latest(server, "garden");
            Await.until(() -> stats.sent() >= sentBefore + 3, Duration.ofSeconds(30), "3 more frames sent");
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = stats.sent() - sentBefore;
            Frame last = latest(server, "garden");

            assertThat(last.sequence()).as("the snapshot sequence grows").isGreaterThan(first.sequence());
            assertThat(sent).as("--fps 5: at most 5 a second, plus the one due at once (%d in %.2f s)", sent, seconds)
                    .isLessThanOrEqualTo((long) Math.ceil(seconds * 5) + 1);
            assertThat(stats.captured()).as("the source runs faster than the cap").isGreaterThan(stats.sent());

            byte[] snapshot = server.get("/cameras/garden/snapshot.jpg").body();
            BufferedImage image = TestJpegs.decode(snapshot);
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
            assertThat(stats.state()).isEqualTo(UploadState.CONNECTED);
            assertThat(stats.lastError()).isNull();
        }
    }

    @Test
    void widthReencodesFramesSmallerKeepingTheAspectRatio() throws Exception {
        try (TestServer server = TestServer.start(data);
             PushSession session = push("--server", serverUrl(server) + "/", "--camera", "small", "--token", TestServer.TOKEN,
                     "--width", "160", "--quality", "60", "--stats-interval", "0", "test:?size=640x480&fps=10")) {
            Await.until(() -> latest(server, "small") != null, Duration.ofSeconds(20), "a re-encoded frame arrives");
            Frame frame = latest(server, "small");
            assertThat(frame.width()).isEqualTo(160);
            assertThat(frame.height()).isEqualTo(120);
            BufferedImage image = TestJpegs.decode(frame.toByteArray());
            assertThat(image.getWidth()).isEqualTo(160);
        }
    }

    @Test
    void theProgramTakesItsTokenFromTheEnvironmentPrintsStatsAndStopsOnSigterm() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Livecam.class.getName(),
                    "push", "--server", serverUrl(server), "--camera", "envcam", "--stats-interval", "1s",
                    "test:?size=320x240&fps=10")
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("push.log").toFile());
            builder.environment().put("LIVECAM_TOKEN", TestServer.TOKEN);
            Process process = builder.start();
            try {
                Await.until(() -> latest(server, "envcam") != null, Duration.ofSeconds(30), "frames arrive with the token from LIVECAM_TOKEN");
                Await.until(() -> log().contains("envcam: connected | captured"), Duration.ofSeconds(10), "a stats line is printed");
                process.destroy(); // SIGTERM, as systemd stops it
                assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
                assertThat(log()).doesNotContain(TestServer.TOKEN);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(data.resolve("push.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void badServerUrlOrCameraIdStopsAtStartWithAClearMessage() {
        assertThat(run("push", "--server", "myserver:8080", "--camera", "cam", "--token", "t", "test:"))
                .contains("--server must start with http:// or https://");
        assertThat(run("push", "--server", "127.0.0.1:8080", "--camera", "cam", "--token", "t", "test:"))
                .as("an address that is no URL scheme either").contains("--server must start with http:// or https://");
        assertThat(run("push", "--server", "http://", "--camera", "cam", "--token", "t", "test:"))
                .containsAnyOf("--server has no host name", "--server 'http://' is not a URL");
        assertThat(run("push", "--server", "http://user:pw@host", "--camera", "cam", "--token", "t", "test:"))
                .contains("must not carry user:password");
        assertThat(run("push", "--server", "http://host:8080", "--camera", "Front Door", "--token", "t", "test:"))
                .contains("--camera 'Front Door' is not a camera id");
        assertThat(run("push", "--server", "http://host:8080", "--camera", "cam", "--token", "t", "nosuch:thing"))
                .contains("SOURCE: unknown source");
        assertThat(run("push", "--server", "http://host:8080", "--camera", "cam", "--token", "t", "--width", "5", "test:"))
                .contains("--width must be at least 16");
        assertThat(run("push", "--server", "http://host:8080", "--camera", "cam", "--token", "t", "--transport", "udp", "test:"))
                .contains("--transport must be http or ws");
    }

    @Test
    void helpShowsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("push", "--help")).isZero();
        assertThat(out.toString()).contains("--server=URL", "--camera=ID", "--token=TOKEN", "LIVECAM_TOKEN", "SOURCE",
                "--fps=FPS", "--width=PIXELS", "--quality=1-100", "--stats-interval=DURATION", "Default: 5s",
                "--retry-max=DURATION", "Default: 1500ms", "--transport=http|ws", "Default: http", "WebSocket");
    }

    /** Runs the command line and returns what it printed on stderr; asserts the exit status says usage error. */
    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Livecam.commandLine();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        assertThat(status).as("exit status of %s", String.join(" ", args)).isEqualTo(2);
        return err.toString();
    }
}
