package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.assertNewestOnlyWhileAway;
import static org.livecam.push.PushTesting.assertWrongTokenReported;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.noisy;
import static org.livecam.push.PushTesting.restartOn;
import static org.livecam.push.PushTesting.serverUrl;
import static org.livecam.push.PushTesting.uploaderThreads;

import java.awt.Color;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.frame.Frame;
import org.livecam.source.TestPatternSource;
import org.livecam.testing.Await;
import org.livecam.testing.TestJpegs;
import org.livecam.testing.TestServer;

/** The uploader against a real server that goes away, comes back, refuses the token or a frame. */
class UploaderTest {
    @TempDir
    Path data;

    @Test
    void keepsGoingWhenTheServerRestartsAndHoldsOnlyTheNewestFrameMeanwhile() throws Exception {
        TestServer server = TestServer.start(data.resolve("first"));
        int port = server.port();
        PushConfig config = PushConfig.of("http://127.0.0.1:" + port, "yard", TestServer.TOKEN);
        try (PushSession session = PushSession.start(new TestPatternSource(320, 240, 20, Clock.systemUTC()), config, Duration.ofSeconds(1))) {
            Uploader uploader = session.uploader();
            UploadStats stats = uploader.stats();
            Await.until(() -> stats.sent() >= 5, Duration.ofSeconds(20), "frames flow at first");
            Set<String> threadsBefore = uploaderThreads();

            for (int round = 1; round <= 2; round++) {
                server.close();
                Await.until(() -> stats.state() == UploadState.RETRYING, Duration.ofSeconds(10), "notices the server is gone");
                assertNewestOnlyWhileAway(uploader);

                server = restartOn(port, data.resolve("round" + round));
                long back = System.nanoTime();
                TestServer current = server;
                Await.until(() -> latest(current, "yard") != null, Duration.ofSeconds(20), "frames flow again");
                double seconds = (System.nanoTime() - back) / 1e9;
                System.out.printf("push: frames flowed again %.2f s after the server returned (round %d)%n", seconds, round);
                assertThat(seconds).as("frames flow again within 2 s of the server's return (4 s with slack)").isLessThan(4.0);
                Await.until(() -> stats.state() == UploadState.CONNECTED, Duration.ofSeconds(5), "connected again");
                TestJpegs.decode(latest(current, "yard").toByteArray());
            }
            assertThat(uploaderThreads()).as("no thread is created per reconnect").isEqualTo(threadsBefore);
        } finally {
            server.close();
        }
    }

    @Test
    void aServerAwayFromTheStartIsOneWarningHoweverManyAttemptsFailAndGetsTheQuietSourcesFrameWhenItReturns() throws Exception {
        TestServer server = TestServer.start(data.resolve("first"));
        int port = server.port();
        server.close();
        ManualSource source = new ManualSource();
        byte[] frozen = TestJpegs.solid(64, 48, Color.MAGENTA);
        PushConfig config = new PushConfig(URI.create("http://127.0.0.1:" + port), "still", TestServer.TOKEN, 0, 0, 0,
                Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(30), Duration.ofSeconds(5));
        try (CapturedLog log = CapturedLog.of(Uploader.class);
             PushSession session = PushSession.start(source, config, Duration.ZERO)) {
            source.emit(frozen);
            Await.until(() -> log.debugLines("still: still away").size() >= 20, Duration.ofSeconds(20), "20 failed attempts");
            assertThat(log.lines("still:")).as("one line for the change of state, none per attempt").singleElement()
                    .asString().startsWith("WARN still: cannot publish to http://127.0.0.1:" + port + "/cameras/still/frame: cannot connect");

            server = restartOn(port, data.resolve("second"));
            TestServer current = server;
            Await.until(() -> latest(current, "still") != null, Duration.ofSeconds(10),
                    "a source that went quiet still gets its last frame to the returning server");
            assertThat(latest(current, "still").toByteArray()).isEqualTo(frozen);
            Await.until(() -> log.lines("INFO still:").size() == 1, Duration.ofSeconds(10), "a line for the first frame");
            assertThat(log.lines("still:")).hasSize(2).last().asString()
                    .matches("INFO still: first frame accepted by \\S+ after [0-9.]+ s of trying");
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
            Await.until(() -> latest(server, "exact") != null, Duration.ofSeconds(10), "the frame arrives");
            assertThat(server.get("/cameras/exact/snapshot.jpg").body()).isEqualTo(jpeg);
            assertThat(session.uploader().stats().bytesSent()).isEqualTo(jpeg.length);
        }
    }

    @Test
    void aFrameTheServerRefusesIsSkippedAndTheNextOneIsSent() throws Exception {
        ManualSource source = new ManualSource();
        byte[] tooLarge = noisy(1200, 900);
        byte[] small = TestJpegs.solid(64, 48, Color.GREEN);
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withMaxFrameBytes(4096)));
             PushSession session = PushSession.start(source, PushConfig.of(serverUrl(server), "picky", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            assertThat(tooLarge.length).isGreaterThan(4096);
            source.emit(tooLarge);
            Await.until(() -> stats.skipped() == 1, Duration.ofSeconds(10), "413 skips the frame");
            assertThat(stats.lastError()).contains("HTTP 413");
            source.emit("not a jpeg at all".getBytes());
            Await.until(() -> stats.skipped() == 2, Duration.ofSeconds(10), "415 skips the frame");
            assertThat(stats.lastError()).contains("HTTP 415");
            source.emit(small);
            Await.until(() -> latest(server, "picky") != null, Duration.ofSeconds(10), "the small frame arrives");
            Frame frame = latest(server, "picky");
            assertThat(frame.toByteArray()).isEqualTo(small);
            // The server has the frame a moment before the sender reads its answer.
            Await.until(() -> stats.state() == UploadState.CONNECTED, Duration.ofSeconds(10), "the answer read: connected");
        }
    }
}
