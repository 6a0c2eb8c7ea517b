package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.record.StampedJpegs;
import org.livecam.testing.Await;
import org.livecam.testing.ServeProcess;

/**
 * What {@code timelapse.mp4} answers besides a video, from a real server process whose PATH is a
 * folder of the test's: 501 while no ffmpeg is on it; with a slow ffmpeg there (the real one run
 * with {@code -re}, reading one frame a second), 429 with Retry-After for a second encode of the
 * same camera, and the encode's ffmpeg killed when the viewer who asked disconnects.
 */
class TimelapseAnswersTest {
    private static final int FRAMES = 40;
    private static final String TIMELAPSE = "/cameras/garden/archive/timelapse.mp4";

    @TempDir
    Path dir;

    @Test
    void answers501WithoutFfmpeg429WhileOneRunsAndKillsItsFfmpegWhenTheViewerLeaves() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path data = dir.resolve("data");
        try (ServeProcess server = ServeProcess.start(data, Map.of("PATH", bin.toString()),
                "--record", "garden", "--record-every", "0s")) {
            for (int i = 0; i < FRAMES; i++) {
                assertThat(server.publish("garden", StampedJpegs.number(i))).isEqualTo(200);
            }
            Await.until(() -> new JsonObject(get(server, "/cameras/garden/archive").body()).getLong("frames") == FRAMES,
                    Duration.ofSeconds(10), "every frame recorded");

            HttpResponse<String> missing = get(server, TIMELAPSE);
            assertThat(missing.statusCode()).isEqualTo(501);
            assertThat(missing.body()).contains("timelapse needs ffmpeg, which is not installed");

            Path ffmpeg = bin.resolve("ffmpeg");
            Files.writeString(ffmpeg, "#!/bin/sh\nexec /usr/bin/ffmpeg -re \"$@\"\n"); // -re: reads its input at the frame rate
            Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Socket first = new Socket("127.0.0.1", server.port())) {
                OutputStream out = first.getOutputStream();
                out.write(("GET " + TIMELAPSE + "?fps=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Await.until(() -> !ffmpegs(server).isEmpty(), Duration.ofSeconds(20), "the first encode's ffmpeg to start");

                HttpResponse<String> second = get(server, TIMELAPSE);
                assertThat(second.statusCode()).isEqualTo(429);
                assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
                assertThat(second.body()).contains("a timelapse of camera garden is being made already");
            }
            Await.until(() -> ffmpegs(server).isEmpty(), Duration.ofSeconds(10), "ffmpeg to be killed once its viewer left");
            Await.until(() -> scratchFiles(data).isEmpty(), Duration.ofSeconds(10), "the unfinished MP4 to be deleted");
            Await.until(() -> server.out().stream().anyMatch(line -> line.contains("Timelapse of camera garden stopped: the viewer left")),
                    Duration.ofSeconds(10), "the log to say why the encode stopped");

            Files.delete(ffmpeg);
            Files.createSymbolicLink(ffmpeg, Path.of("/usr/bin/ffmpeg"));
            HttpResponse<String> next = get(server, TIMELAPSE + "?fps=30");
            assertThat(next.statusCode()).as("the camera's slot is free again").isEqualTo(200);
            assertThat(next.headers().firstValue("Content-Type")).hasValue("video/mp4");
        }
    }

    private static List<ProcessHandle> ffmpegs(ServeProcess server) {
        return server.process().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)).toList();
    }

    private static List<Path> scratchFiles(Path data) {
        Path scratch = data.resolve("record").resolve(".timelapse");
        if (!Files.isDirectory(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(ServeProcess server, String path) {
        try {
            return server.client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
