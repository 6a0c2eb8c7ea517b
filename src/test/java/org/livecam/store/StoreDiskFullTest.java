package org.livecam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.SmallFileSystem;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * The data folder's disk fills up (a 4 MB tmpfs, mounted here as root): publishing and viewing
 * go on, saving the latest frames says once that it cannot, and resumes by itself, saying so
 * once, when space returns.
 */
class StoreDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsOnlyPersistenceWhichResumesWhenSpaceReturns() throws Exception {
        try (SmallFileSystem small = SmallFileSystem.mount(dir.resolve("small"), "4m")) {
            Path data = small.path();
            byte[] last;
            try (CapturedLog log = CapturedLog.of(LatestFrameWriter.class);
                 TestServer server = TestServer.start(data)) {
                assertThat(server.publish("porch", frame(0)).statusCode()).isEqualTo(200);
                Await.until(() -> saved(server, "writes") > 0, Duration.ofSeconds(10), "the first frame saved");

                Path filler = data.resolve("filler");
                SmallFileSystem.fillUp(filler);
                for (int i = 1; i <= 20; i++) {
                    byte[] jpeg = frame(i);
                    assertThat(server.publish("porch", jpeg).statusCode()).as("publishing on a full disk").isEqualTo(200);
                    assertThat(server.get("/cameras/porch/snapshot.jpg").body()).as("viewers get the new frame").isEqualTo(jpeg);
                }
                Await.until(() -> !log.lines("Cannot save").isEmpty(), Duration.ofSeconds(10), "the failure said");
                for (int i = 21; i <= 30; i++) { // more saves fail while the disk stays full
                    assertThat(server.publish("porch", frame(i)).statusCode()).isEqualTo(200);
                    double failed = saved(server, "failures");
                    Await.until(() -> saved(server, "failures") > failed, Duration.ofSeconds(10), "another save tried");
                }
                assertThat(log.lines("Cannot save")).as("said once for the whole outage").hasSize(1);
                assertThat(log.lines("works again")).isEmpty();

                Files.delete(filler);
                last = frame(31);
                assertThat(server.publish("porch", last).statusCode()).isEqualTo(200);
                Await.until(() -> log.lines("works again").size() == 1, Duration.ofSeconds(10), "saving resumed by itself");
                double saved = saved(server, "writes");
                assertThat(server.publish("porch", frame(32)).statusCode()).isEqualTo(200);
                assertThat(server.publish("porch", last).statusCode()).isEqualTo(200);
                Await.until(() -> saved(server, "writes") > saved, Duration.ofSeconds(10), "the next frame saved");
                assertThat(log.lines("Cannot save")).hasSize(1);
                assertThat(log.lines("works again")).as("the recovery said once").hasSize(1);
            }
            try (TestServer restarted = TestServer.start(data)) {
                assertThat(restarted.get("/cameras/porch/snapshot.jpg").body()).as("the newest frame kept").isEqualTo(last);
            }
        }
    }

    /** Camera porch's {@code livecam_store_writes_total} or {@code _failures_total}, from /metrics as a user reads it. */
    private static double saved(TestServer server, String what) {
        String name = "livecam_store_" + what + "_total{";
        return new String(server.get("/metrics").body()).lines()
                .filter(line -> line.startsWith(name) && line.contains("camera=\"porch\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Distinct frames, so each is new to the writer. */
    private static byte[] frame(int n) {
        return TestJpegs.solid(320, 240, new Color(Color.HSBtoRGB(n / 40f, 0.8f, 0.9f)));
    }
}
