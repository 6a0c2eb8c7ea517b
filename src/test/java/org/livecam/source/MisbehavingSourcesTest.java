package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.config.CameraConfig;
import org.livecam.testing.Await;
import org.livecam.testing.CapturedLog;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/**
 * Sources that misbehave, as small shell scripts run by the real server: one floods stdout with
 * bytes that are not JPEG, one floods stderr (a 5 MB line first), one never sends a frame, one
 * sends 50 MB frames. Each gets a clear offline reason or stays live, the log stays short, and
 * the other cameras keep serving.
 */
class MisbehavingSourcesTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void misbehavingSourcesGetClearReasonsAndTheRestKeepsServing() throws Exception {
        byte[] small = TestJpegs.solid(64, 48, Color.GREEN);
        Files.write(dir.resolve("frame.jpg"), small);
        Files.write(dir.resolve("big.jpg"), fiftyMegabytes(small));
        String every = "sleep 0.1; done\n";
        List<CameraConfig> cameras = List.of(
                camera("good", "while :; do cat frame.jpg; " + every),
                camera("garbage", "while :; do head -c 200000 /dev/urandom; sleep 0.1; done\n"),
                camera("noisy", "(head -c 5000000 /dev/zero | tr '\\0' x; echo\n"
                        + " while :; do seq 1 200 | sed 's/^/noisy warning /'; " + every + ") >&2 &\n"
                        + "while :; do cat frame.jpg; " + every),
                camera("silent", "exec sleep 600\n"),
                camera("huge", "while :; do cat big.jpg; sleep 0.5; done\n", "8s")); // time to read 16 MB on a busy machine

        try (CapturedLog all = CapturedLog.all();
             TestServer server = TestServer.start(dir.resolve("data"), c -> c.withCameras(cameras))) {
            long started = System.nanoTime();
            Await.until(() -> "offline".equals(state(server, "silent").getString("state"))
                    && "offline".equals(state(server, "garbage").getString("state"))
                    && "offline".equals(state(server, "huge").getString("state")), LIMIT, "the three to go offline");

            assertThat(state(server, "silent").getString("offline_reason")).isEqualTo("no frame for 2 s (no output at all)");
            assertThat(state(server, "garbage").getString("offline_reason"))
                    .startsWith("no frame for 2 s (not a JPEG stream: ").endsWith("no whole JPEG in them)");
            assertThat(state(server, "huge").getString("offline_reason"))
                    .matches("no frame for 8 s \\(\\d+ frame\\(s\\) larger than 16 MB dropped\\)");

            // The well-behaved keep serving: a pulled camera, a pushed one, the noisy one's frames.
            Await.until(() -> "live".equals(state(server, "good").getString("state"))
                    && "live".equals(state(server, "noisy").getString("state")), LIMIT, "good and noisy live");
            assertThat(server.get("/cameras/good/snapshot.jpg").body()).isEqualTo(small);
            assertThat(server.get("/cameras/noisy/snapshot.jpg").body()).isEqualTo(small);
            byte[] pushed = TestJpegs.solid(64, 48, Color.BLUE);
            assertThat(server.publish("porch", pushed).statusCode()).isEqualTo(200);
            assertThat(server.get("/cameras/porch/snapshot.jpg").body()).isEqualTo(pushed);

            // stderr at 2,000 lines a second: a burst of 5, then about one a second.
            Await.until(() -> all.lines("noisy.sh[").stream().anyMatch(line -> line.contains("line(s) left out")), LIMIT,
                    "lines of the noisy stderr left out");
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
            List<String> noisy = all.lines("noisy.sh[");
            assertThat(noisy).as("stderr lines logged in %d s", seconds).hasSizeBetween(2, (int) (5 + seconds + 2));
            assertThat(noisy.get(0)).as("a 5 MB line kept short").endsWith("[cut at " + StderrLog.MAX_LINE_BYTES + " bytes]")
                    .hasSizeLessThan(StderrLog.MAX_LINE_BYTES + 200);
            assertThat(all.lines("noisy.sh failed")).as("a noisy stderr is no failure").isEmpty();
            assertThat(all.lines(ch.qos.logback.classic.Level.INFO)).as("the whole log stays short")
                    .hasSizeLessThan(60 + (int) (3 * seconds));
        }
    }

    /** A camera run by a script in the test's folder, always on, restarted after {@code stall} (2 s) without a frame. */
    private CameraConfig camera(String id, String script) throws IOException {
        return camera(id, script, "2s");
    }

    private CameraConfig camera(String id, String script, String stall) throws IOException {
        Path file = dir.resolve(id + ".sh");
        Files.writeString(file, "#!/bin/sh\ncd " + dir + "\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return new CameraConfig(id, "exec:" + file + " #stall=" + stall, true, Duration.ofSeconds(1));
    }

    /** A valid JPEG of about 50 MB: {@code small} with 800 full comment segments after its SOI. */
    private static byte[] fiftyMegabytes(byte[] small) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(53_000_000);
        out.write(small, 0, 2);
        byte[] comment = new byte[65_537];
        comment[0] = (byte) 0xFF;
        comment[1] = (byte) 0xFE;
        comment[2] = (byte) 0xFF;
        comment[3] = (byte) 0xFF;
        Arrays.fill(comment, 4, comment.length, (byte) 'c');
        for (int i = 0; i < 800; i++) {
            out.write(comment, 0, comment.length);
        }
        out.write(small, 2, small.length - 2);
        return out.toByteArray();
    }

    private static JsonObject state(TestServer server, String id) {
        JsonObject body = new JsonObject(new String(server.get("/api/cameras").body(), StandardCharsets.UTF_8));
        return body.getJsonArray("cameras").stream().map(JsonObject.class::cast)
                .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
    }
}
