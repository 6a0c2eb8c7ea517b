package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.assertNewestOnlyWhileAway;
import static org.livecam.push.PushTesting.assertWrongTokenReported;
import static org.livecam.push.PushTesting.await;
import static org.livecam.push.PushTesting.freePort;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.noisy;
import static org.livecam.push.PushTesting.onPort;
import static org.livecam.push.PushTesting.serverUrl;
import static org.livecam.push.PushTesting.uploaderThreads;
import static org.livecam.push.PushTesting.withMaxFrameBytes;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Frame;
import org.livecam.source.TestPatternSource;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The uploader against a real server that goes away, comes back, refuses the token or a frame. */
class UploaderTest {
    @TempDir
    Path data;

    @Test
    void keepsGoingWhenTheServerRestartsAndHoldsOnlyTheNewestFrameMeanwhile() throws Exception {
        int port = freePort();
        TestServer server = TestServer.start(data.resolve("first"), c -> onPort(c, port));
        PushConfig config = PushConfig.of("http://127.0.0.1:" + port, "yard", TestServer.TOKEN);
        try (PushSession session = PushSession.start(new TestPatternSource(320, 240, 20, Clock.systemUTC()), config, Duration.ofSeconds(1))) {
            Uploader uploader = session.uploader();
            UploadStats stats = uploader.stats();
            assertThat(await(Duration.ofSeconds(20), () -> stats.sent() >= 5)).as("frames flow at first").isTrue();
            Set<String> threadsBefore = uploaderThreads();

            for (int round = 1; round <= 2; round++) {
                server.close();
                assertThat(await(Duration.ofSeconds(10), () -> stats.state() == UploadStats.State.RETRYING))
                        .as("notices the server is gone").isTrue();
                assertNewestOnlyWhileAway(uploader);

                server = TestServer.start(data.resolve("round" + round), c -> onPort(c, port));
                long back = System.nanoTime();
                TestServer current = server;
                assertThat(await(Duration.ofSeconds(20), () -> latest(current, "yard") != null)).as("frames flow again").isTrue();
                double seconds = (System.nanoTime() - back) / 1e9;
                System.out.printf("push: frames flowed again %.2f s after the server returned (round %d)%n", seconds, round);
                assertThat(seconds).as("frames flow again within 2 s of the server's return (4 s with slack)").isLessThan(4.0);
                assertThat(await(Duration.ofSeconds(5), () -> stats.state() == UploadStats.State.CONNECTED)).isTrue();
                TestJpegs.decode(latest(current, "yard").toByteArray());
            }
            assertThat(uploaderThreads()).as("no thread is created per reconnect").isEqualTo(threadsBefore);
        } finally {
            server.close();
        }
    }

    @Test
    void aFrameCapturedWhileTheServerIsAwayArrivesWhenItReturns() throws Exception {
        int port = freePort();
        TestServer server = TestServer.start(data.resolve("first"), c -> onPort(c, port));
        server.close();
        ManualSource source = new ManualSource();
        byte[] frozen = TestJpegs.solid(64, 48, Color.MAGENTA);
        try (PushSession session = PushSession.start(source, PushConfig.of("http://127.0.0.1:" + port, "still", TestServer.TOKEN), Duration.ZERO)) {
            source.emit(frozen);
            assertThat(await(Duration.ofSeconds(10), () -> session.uploader().stats().state() == UploadStats.State.RETRYING)).isTrue();
            server = TestServer.start(data.resolve("second"), c -> onPort(c, port));
            TestServer current = server;
            assertThat(await(Duration.ofSeconds(10), () -> latest(current, "still") != null))
                    .as("a source that went quiet still gets its last frame to the returning server").isTrue();
            assertThat(latest(current, "still").toByteArray()).isEqualTo(frozen);
        } finally {
            server.close();
        }
    }

    @Test
    void aWrongTokenIsReportedAsAConfigurationError() throws Exception {
        assertWrongTokenReported(data, url -> PushConfig.of(url, "locked", "not-the-token"), "HTTP 401");
    }

    @Test
    void sourceBytesGoThroughUntouchedWhenNoReencodeIsAsked() throws Exception {
        ManualSource source = new ManualSource();
        byte[] jpeg = TestJpegs.solid(200, 100, Color.ORANGE);
        try (TestServer server = TestServer.start(data);
             PushSession session = PushSession.start(source, PushConfig.of(serverUrl(server), "exact", TestServer.TOKEN), Duration.ZERO)) {
            source.emit(jpeg);
            assertThat(await(Duration.ofSeconds(10), () -> latest(server, "exact") != null)).isTrue();
            assertThat(server.get("/cameras/exact/snapshot.jpg").body()).isEqualTo(jpeg);
            assertThat(session.uploader().stats().bytesSent()).isEqualTo(jpeg.length);
        }
    }

    @Test
    void aFrameTheServerRefusesIsSkippedAndTheNextOneIsSent() throws Exception {
        ManualSource source = new ManualSource();
        byte[] tooLarge = noisy(1200, 900);
        byte[] small = TestJpegs.solid(64, 48, Color.GREEN);
        try (TestServer server = TestServer.start(data, c -> withMaxFrameBytes(c, 4096));
             PushSession session = PushSession.start(source, PushConfig.of(serverUrl(server), "picky", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            assertThat(tooLarge.length).isGreaterThan(4096);
            source.emit(tooLarge);
            assertThat(await(Duration.ofSeconds(10), () -> stats.skipped() == 1)).as("413 skips the frame").isTrue();
            assertThat(stats.lastError()).contains("HTTP 413");
            source.emit("not a jpeg at all".getBytes());
            assertThat(await(Duration.ofSeconds(10), () -> stats.skipped() == 2)).as("415 skips the frame").isTrue();
            assertThat(stats.lastError()).contains("HTTP 415");
            source.emit(small);
            assertThat(await(Duration.ofSeconds(10), () -> latest(server, "picky") != null)).isTrue();
            Frame frame = latest(server, "picky");
            assertThat(frame.toByteArray()).isEqualTo(small);
            // The server has the frame a moment before the sender reads its answer.
            assertThat(await(Duration.ofSeconds(10), () -> stats.state() == UploadStats.State.CONNECTED)).isTrue();
        }
    }
}
