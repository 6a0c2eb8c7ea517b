package org.livecam.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.DemoCamera;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** Debian's ffmpeg reads MJPEG streams: it decodes whole frames, and gets them from a still camera too. */
class FfmpegClientTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int FRAMES = 8;

    @TempDir
    Path data;

    @Test
    void ffmpegDecodesFramesFromTheMjpegStream() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute() || onPath("ffmpeg"), "ffmpeg is not installed (scripts/test installs it)");
        try (TestServer server = TestServer.start(data, c -> c.withCamera(DemoCamera.of("demo", WIDTH, HEIGHT, 10, Duration.ofSeconds(10))))) {
            byte[] pixels = decodeRgb(server.uri("/cameras/demo/stream.mjpg").toString(), FRAMES);
            assertThat(pixels.length).isEqualTo(FRAMES * WIDTH * HEIGHT * 3);
            int frameBytes = WIDTH * HEIGHT * 3;
            assertThat(java.util.Arrays.equals(pixels, 0, frameBytes, pixels, (FRAMES - 1) * frameBytes, FRAMES * frameBytes))
                    .as("the first and last decoded frames differ: the demo moves").isFalse();
        }
    }

    /**
     * Runs ffmpeg on {@code url} (after {@code inputOptions}) for {@code frames} frames decoded to
     * raw RGB, whose byte count proves it decoded whole pictures; checks it exits 0 and returns the pixels.
     */
    static byte[] decodeRgb(String url, int frames, String... inputOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        command.addAll(List.of(inputOptions));
        command.addAll(List.of("-i", url, "-frames:v", Integer.toString(frames), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        Process ffmpeg = new ProcessBuilder(command).start();
        try {
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(ffmpeg.getErrorStream()));
            byte[] pixels = ffmpeg.getInputStream().readAllBytes();
            assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
            assertThat(ffmpeg.exitValue()).as("ffmpeg exit status; stderr: %s", errors.get(5, TimeUnit.SECONDS)).isZero();
            return pixels;
        } finally {
            ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // blocked on a stream, ffmpeg may ignore SIGTERM
        }
    }

    @Test
    void ffmpegGetsTheFramesItAsksForFromAStillCamera() throws Exception {
        assumeTrue(new File("/usr/bin/ffmpeg").canExecute() || onPath("ffmpeg"), "ffmpeg is not installed (scripts/test installs it)");
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.publish("still", TestJpegs.solid(WIDTH, HEIGHT, Color.GREEN)).statusCode()).isEqualTo(200);
            // One frame and nothing after it: the stream must go on repeating it, once a second.
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-i", server.uri("/cameras/still/stream.mjpg").toString(), "-frames:v", "5", "-f", "null", "-")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(ffmpeg.getErrorStream()));
                long started = System.nanoTime();
                assertThat(ffmpeg.waitFor(15, TimeUnit.SECONDS)).as("ffmpeg got 5 frames of a still camera within 15 s").isTrue();
                assertThat(ffmpeg.exitValue()).as("ffmpeg exit status; stderr: %s", errors.get(5, TimeUnit.SECONDS)).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            } finally {
                ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // blocked on a stream, ffmpeg may ignore SIGTERM
            }
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static boolean onPath(String program) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
