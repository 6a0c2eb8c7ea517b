package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.livecam.ServerConfig;
import org.livecam.frame.Frame;
import org.livecam.source.TestPatternSource;
import org.livecam.testing.TestServer;
import picocli.CommandLine;

/** Helpers the push tests share: run the command as a user would, wait for a condition, pin a port. */
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

    /** Polls until {@code condition} holds; returns false at the deadline. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** A port free right now, to start a server, stop it and start another on the same port. */
    /**
     * Watches an uploader for 3 s while its server is gone: the source keeps capturing, at most
     * one frame waits, the rest are dropped, nothing is sent, and the last error says why.
     */
    static void assertNewestOnlyWhileAway(Uploader uploader) throws InterruptedException {
        UploadStats stats = uploader.stats();
        long sentWhileAway = stats.sent();
        long capturedBefore = stats.captured();
        long droppedBefore = stats.dropped();
        for (int i = 0; i < 15; i++) {
            Thread.sleep(200);
            assertThat(uploader.pendingFrames()).as("frames waiting while the server is away").isLessThanOrEqualTo(1);
        }
        assertThat(stats.captured() - capturedBefore).as("the source keeps capturing").isGreaterThan(20);
        assertThat(stats.dropped() - droppedBefore).as("frames that could not be sent are dropped, not queued")
                .isGreaterThanOrEqualTo(stats.captured() - capturedBefore - 2);
        assertThat(stats.sent()).isEqualTo(sentWhileAway);
        assertThat(stats.lastError()).startsWith("cannot connect");
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
            assertThat(await(Duration.ofSeconds(20), () -> stats.state() == UploadStats.State.UNAUTHORIZED)).isTrue();
            assertThat(stats.lastError()).contains(code, "wrong publish token", "--token", "LIVECAM_TOKEN");
            UploadStats.Snapshot now = stats.snapshot();
            assertThat(ProgressLine.format("locked", now, now)).contains("UNAUTHORIZED", "wrong publish token");
            assertThat(stats.sent()).isZero();
            assertThat(latest(server, "locked")).isNull();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServerConfig onPort(ServerConfig c, int port) {
        return c.withHttp(h -> h.withPort(port));
    }

    static ServerConfig withMaxFrameBytes(ServerConfig c, int maxFrameBytes) {
        return c.withHttp(h -> h.withMaxFrameBytes(maxFrameBytes));
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
        return TestPatternSource.encode(image, 0.9f);
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
