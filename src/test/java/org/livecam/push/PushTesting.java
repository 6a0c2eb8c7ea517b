package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.livecam.frame.Frame;
import org.livecam.frame.JpegCodec;
import org.livecam.source.TestPatternSource;
import org.livecam.testing.Await;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** Helpers the push tests share: run the command as a user would, restart a server on its port, shared checks. */
final class PushTesting {
    private PushTesting() {
    }

    /** Parses {@code livecam push ARGS} and starts it; the caller closes the session. */
    static PushSession push(String... args) {
        PushCommand command = new PushCommand();
        new CommandLine(command).parseArgs(args);
        return command.open();
    }

    static String serverUrl(TestServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** The newest frame of a camera on the server, or null. */
    static Frame latest(TestServer server, String camera) {
        return server.server().cameras().get(camera).map(c -> c.latest()).orElse(null);
    }

    /**
     * Watches an uploader while its server is gone, until its source has captured 40 more frames
     * and a reconnect has failed: at every look at most one frame waits, the rest are dropped,
     * nothing is sent, and the last error says why. Each attempt takes one frame from the slot,
     * and backoff allows only a few attempts in that time, so nearly every frame is dropped.
     */
    static void assertNewestOnlyWhileAway(Uploader uploader) throws InterruptedException {
        UploadStats stats = uploader.stats();
        long sentWhileAway = stats.sent();
        long capturedBefore = stats.captured();
        long droppedBefore = stats.dropped();
        Await.until(() -> {
            assertThat(uploader.pendingFrames()).as("frames waiting while the server is away").isLessThanOrEqualTo(1);
            return stats.captured() - capturedBefore >= 40 && String.valueOf(stats.lastError()).startsWith("cannot connect");
        }, Duration.ofSeconds(20), "40 frames captured and a failed reconnect while the server is away");
        long captured = stats.captured() - capturedBefore;
        assertThat(captured - (stats.dropped() - droppedBefore)).as("frames taken to send while away (one per attempt), of %d", captured)
                .isLessThanOrEqualTo(8);
        assertThat(stats.sent()).isEqualTo(sentWhileAway);
    }

    /**
     * Pushes a test pattern with the config {@code configFor(serverUrl)} makes (a wrong token)
     * and checks the uploader calls it a configuration error, naming {@code code} and the fix.
     */
    static void assertWrongTokenReported(Path data, Function<String, PushConfig> configFor,
                                         String code) throws Exception {
        try (TestServer server = TestServer.start(data);
             PushSession session = PushSession.start(new TestPatternSource(160, 120, 10, Clock.systemUTC()),
                     configFor.apply(serverUrl(server)), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            Await.until(() -> stats.state() == UploadState.UNAUTHORIZED, Duration.ofSeconds(20), "the uploader calls the token refused");
            assertThat(stats.lastError()).contains(code, "wrong publish token", "--token", "LIVECAM_TOKEN");
            UploadStats.Snapshot now = stats.snapshot();
            assertThat(ProgressLine.format("locked", now, now)).contains("UNAUTHORIZED", "wrong publish token");
            assertThat(stats.sent()).isZero();
            assertThat(latest(server, "locked")).isNull();
        }
    }

    /**
     * Starts a server on {@code port} again, where an uploader left by the earlier one still
     * points. The earlier server took its port from the kernel (port 0), so the port was never
     * picked first and bound later; only between that server's close and this start can another
     * process take it, so the bind is tried again until it works (or the limit).
     */
    static TestServer restartOn(int port, Path data) throws InterruptedException {
        TestServer[] started = new TestServer[1];
        Await.until(() -> (started[0] = startIfPortFree(port, data)) != null, Duration.ofSeconds(10),
                "port " + port + " free again for the restarted server");
        return started[0];
    }

    private static TestServer startIfPortFree(int port, Path data) {
        try {
            return TestServer.start(data, c -> c.withHttp(h -> h.withPort(port)));
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("cannot listen")) {
                return null;
            }
            throw e;
        }
    }

    /** A JPEG that compresses badly, so it is large: about 0.9 bytes a pixel. */
    static byte[] noisy(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return JpegCodec.encode(image, 0.9f);
    }

    /**
     * Threads the uploader names (sender, HTTP client workers, stats). The JDK client's one
     * selector thread is not counted: its name cannot be told from the test client's, and it
     * lives as long as the one client the uploader keeps.
     */
    static Set<String> uploaderThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("push-")) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
