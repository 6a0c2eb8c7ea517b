package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.frame.Camera;
import org.livecam.testing.Await;
import org.livecam.testing.TestServer;

/**
 * A real ffmpeg without {@code -re} makes frames as fast as it can (hundreds a second at
 * 320x240); the camera gets no more than its cap, set in the spec or in the camera's config.
 */
class SourceFpsCapTest {
    private static final String UNPACED_FFMPEG = "exec:ffmpeg -hide_banner -loglevel error -nostdin"
            + " -f lavfi -i testsrc2=size=320x240:rate=200 -f mjpeg -q:v 5 -";

    @TempDir
    Path data;

    @Test
    void anUnpacedCommandIsCappedByTheFpsOfItsSpecOrOfItsCamera() throws Exception {
        List<CameraConfig> cameras = List.of(
                new CameraConfig("spec", UNPACED_FFMPEG + " #fps=5", true, Duration.ofSeconds(1)),
                new CameraConfig("config", UNPACED_FFMPEG, true, Duration.ofSeconds(1), OptionalDouble.of(5)));
        try (TestServer server = TestServer.start(data, c -> c.withCameras(cameras))) {
            for (CameraConfig config : cameras) {
                Camera camera = server.server().cameras().getOrCreate(config.id());
                Await.until(() -> camera.stats(Camera.DEFAULT_STALE_AFTER).framesPublished() >= 2, Duration.ofSeconds(20), config.id() + " to publish");
            }
            long[] before = published(server, cameras);
            long start = System.nanoTime();
            Thread.sleep(3000); // real passing time is what a frame rate is measured over
            long[] after = published(server, cameras);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < cameras.size(); i++) {
                long frames = after[i] - before[i];
                assertThat(frames).as("%s: %d frames in %.1f s at most 5 a second", cameras.get(i).id(), frames, seconds)
                        .isBetween(1L, (long) Math.ceil(seconds * 5) + 3);
            }
        }
    }

    private static long[] published(TestServer server, List<CameraConfig> cameras) {
        return cameras.stream().mapToLong(c -> server.server().cameras().getOrCreate(c.id()).stats(Camera.DEFAULT_STALE_AFTER).framesPublished()).toArray();
    }
}
