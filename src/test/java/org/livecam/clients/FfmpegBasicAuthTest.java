package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.AccessRule;
import org.livecam.config.DemoCamera;
import org.livecam.testing.Htpasswd;
import org.livecam.testing.TestServer;

/** ffmpeg reads a private camera's MJPEG stream with {@code http://user:pass@host/...}, as people write it. */
class FfmpegBasicAuthTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int FRAMES = 5;

    @TempDir
    Path data;
    @TempDir
    Path dir;

    @Test
    void ffmpegWithUserAndPasswordInTheUrlReadsThePrivateStreamAndWithoutIsRefused() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute() || FfmpegClientTest.onPath("ffmpeg"), "ffmpeg is not installed (scripts/test installs it)");
        Path users = Htpasswd.add(dir.resolve("users"), "alice", "door-pass-9");
        try (TestServer server = TestServer.start(data, c -> c
                .withCamera(DemoCamera.of("door", WIDTH, HEIGHT, 10, Duration.ofSeconds(10)))
                .withAccess(a -> a.withUsersFile(users).withCamera("door", AccessRule.onlyUsers(List.of("alice")))))) {
            String url = "http://alice:door-pass-9@127.0.0.1:" + server.port() + "/cameras/door/stream.mjpg";
            Run allowed = ffmpeg(url);
            assertThat(allowed.exit).as("ffmpeg exit status; stderr: %s", allowed.errors).isZero();
            assertThat(allowed.bytes).isEqualTo(FRAMES * WIDTH * HEIGHT * 3);

            Run anonymous = ffmpeg("http://127.0.0.1:" + server.port() + "/cameras/door/stream.mjpg");
            assertThat(anonymous.exit).isNotZero();
            assertThat(anonymous.errors).contains("401");
        }
    }

    private record Run(int exit, long bytes, String errors) {
    }

    private static Run ffmpeg(String url) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i", url,
                "-frames:v", Integer.toString(FRAMES), "-f", "rawvideo", "-pix_fmt", "rgb24", "-").start();
        try {
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(ffmpeg.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            long bytes = ffmpeg.getInputStream().readAllBytes().length;
            assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
            return new Run(ffmpeg.exitValue(), bytes, errors.get(5, TimeUnit.SECONDS));
        } finally {
            ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // blocked on a stream, ffmpeg may ignore SIGTERM
        }
    }
}
