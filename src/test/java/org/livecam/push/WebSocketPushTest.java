package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.assertNewestOnlyWhileAway;
import static org.livecam.push.PushTesting.assertWrongTokenReported;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.noisy;
import static org.livecam.push.PushTesting.restartOn;
import static org.livecam.push.PushTesting.push;
import static org.livecam.push.PushTesting.serverUrl;
import static org.livecam.push.PushTesting.uploaderThreads;

import java.awt.Color;
import java.awt.image.BufferedImage;
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

/** {@code livecam push --transport ws} against the real server's publish WebSocket. */
class WebSocketPushTest {
    @TempDir
    Path data;

    @Test
    void framesPublishedOverTheWebSocketArrive() throws Exception {
        try (TestServer server = TestServer.start(data);
             PushSession session = push("--server", serverUrl(server), "--camera", "wsyard", "--token", TestServer.TOKEN,
                     "--transport", "ws", "--stats-interval", "0", "test:?size=320x240&fps=10")) {
            UploadStats stats = session.uploader().stats();
            assertThat(session.uploader().transport()).isInstanceOf(WebSocketTransport.class);
            assertThat(session.uploader().transport().target().toString())
                    .isEqualTo("ws://127.0.0.1:" + server.port() + "/cameras/wsyard/publish");
            Await.until(() -> latest(server, "wsyard") != null, Duration.ofSeconds(20), "first frame arrives");
            long first = latest(server, "wsyard").sequence();
            Await.until(() -> latest(server, "wsyard").sequence() >= first + 5, Duration.ofSeconds(20), "the snapshot sequence grows");
            BufferedImage image = TestJpegs.decode(server.get("/cameras/wsyard/snapshot.jpg").body());
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(stats.state()).isEqualTo(UploadState.CONNECTED);
            assertThat(stats.lastError()).isNull();
            assertThat(socketsOpened(session)).as("all frames on one socket").isEqualTo(1);
        }
    }

    @Test
    void bytesGoThroughUntouchedAndAFrameOfSeveralMegabytesToo() throws Exception {
        ManualSource source = new ManualSource();
        byte[] small = TestJpegs.solid(200, 100, Color.ORANGE);
        byte[] large = noisy(2000, 1700);
        try (TestServer server = TestServer.start(data);
             PushSession session = PushSession.start(source, ws(serverUrl(server), "exact", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            source.emit(small);
            Await.until(() -> stats.sent() == 1, Duration.ofSeconds(10), "the first frame is sent");
            assertThat(server.get("/cameras/exact/snapshot.jpg").body()).isEqualTo(small);

            assertThat(large.length).as("a frame of about 3 MB").isGreaterThan(2_800_000);
            source.emit(large);
            Await.until(() -> stats.sent() == 2, Duration.ofSeconds(20), "the large frame is published");
            Frame frame = latest(server, "exact");
            assertThat(frame.toByteArray()).isEqualTo(large);
            assertThat(frame.width()).isEqualTo(2000);
            assertThat(stats.bytesSent()).isEqualTo(small.length + large.length);
            assertThat(socketsOpened(session)).isEqualTo(1);
        }
    }

    @Test
    void keepsGoingWhenTheServerRestartsAndHoldsOnlyTheNewestFrameMeanwhile() throws Exception {
        TestServer server = TestServer.start(data.resolve("first"));
        int port = server.port();
        try (PushSession session = PushSession.start(new TestPatternSource(320, 240, 20, Clock.systemUTC()),
                ws("http://127.0.0.1:" + port, "yard", TestServer.TOKEN), Duration.ZERO)) {
            Uploader uploader = session.uploader();
            UploadStats stats = uploader.stats();
            Await.until(() -> stats.sent() >= 5, Duration.ofSeconds(20), "frames flow at first");
            Set<String> threadsBefore = uploaderThreads();

            server.close();
            Await.until(() -> stats.state() == UploadState.RETRYING, Duration.ofSeconds(10), "notices the server is gone");
            assertNewestOnlyWhileAway(uploader);

            server = restartOn(port, data.resolve("second"));
            long back = System.nanoTime();
            TestServer current = server;
            Await.until(() -> latest(current, "yard") != null, Duration.ofSeconds(20), "frames flow again");
            double seconds = (System.nanoTime() - back) / 1e9;
            System.out.printf("push --transport ws: frames flowed again %.2f s after the server returned%n", seconds);
            assertThat(seconds).as("frames flow again within 2 s of the server's return (4 s with slack)").isLessThan(4.0);
            Await.until(() -> stats.state() == UploadState.CONNECTED, Duration.ofSeconds(5), "connected again");
            long sequence = latest(current, "yard").sequence();
            Await.until(() -> latest(current, "yard").sequence() >= sequence + 5, Duration.ofSeconds(10), "and keep flowing on the new socket");
            TestJpegs.decode(latest(current, "yard").toByteArray());
            assertThat(uploaderThreads()).as("no thread is created per reconnect").isEqualTo(threadsBefore);
        } finally {
            server.close();
        }
    }

    @Test
    void aWrongTokenIsReportedAsAConfigurationError() throws Exception {
        assertWrongTokenReported(data, url -> ws(url, "locked", "not-the-token"), "1008");
    }

    @Test
    void aFrameTheServerRefusesIsSkippedAndTheNextGoesOnTheSameSocket() throws Exception {
        ManualSource source = new ManualSource();
        byte[] first = TestJpegs.solid(64, 48, Color.RED);
        byte[] next = TestJpegs.solid(64, 48, Color.GREEN);
        try (TestServer server = TestServer.start(data);
             PushSession session = PushSession.start(source, ws(serverUrl(server), "picky", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            source.emit(first);
            Await.until(() -> stats.sent() == 1, Duration.ofSeconds(10), "the first frame is sent");

            source.emit("not a jpeg at all".getBytes());
            Await.until(() -> stats.skipped() == 1, Duration.ofSeconds(10), "the bad frame is skipped");
            assertThat(stats.lastError()).contains("refused", "WebSocket error answer");
            assertThat(latest(server, "picky").toByteArray()).as("the camera keeps its last good frame").isEqualTo(first);

            source.emit(next);
            Await.until(() -> stats.sent() == 2, Duration.ofSeconds(10), "the next frame is sent");
            assertThat(latest(server, "picky").toByteArray()).isEqualTo(next);
            assertThat(stats.state()).isEqualTo(UploadState.CONNECTED);
            assertThat(socketsOpened(session)).as("the socket stayed open").isEqualTo(1);
        }
    }

    @Test
    void aFrameOverTheServersLimitIsNotPublishedAndTheNextGoesOnANewSocket() throws Exception {
        ManualSource source = new ManualSource();
        byte[] tooLarge = noisy(600, 500); // about 270 KB
        byte[] small = TestJpegs.solid(64, 48, Color.BLUE);
        try (TestServer server = TestServer.start(data, c -> c.withHttp(h -> h.withMaxFrameBytes(100_000)));
             PushSession session = PushSession.start(source, ws(serverUrl(server), "limited", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            assertThat(tooLarge.length).isGreaterThan(200_000);
            source.emit(tooLarge);
            Await.until(() -> stats.lastError() != null, Duration.ofSeconds(10), "the server closes the socket");
            // 1009 when its close arrives, else a lost connection that names the likely cause.
            assertThat(stats.lastError()).contains("--max-frame-bytes");
            source.emit(small);
            Await.until(() -> latest(server, "limited") != null, Duration.ofSeconds(10), "the next frame is sent");
            assertThat(latest(server, "limited").toByteArray()).isEqualTo(small);
            assertThat(stats.sent()).isEqualTo(1);
            assertThat(socketsOpened(session)).as("a new socket after the server closed the first").isGreaterThanOrEqualTo(2);
        }
    }

    private static PushConfig ws(String server, String camera, String token) {
        return PushConfig.of(server, camera, token).withTransport(PushConfig.Transport.WS);
    }

    private static long socketsOpened(PushSession session) {
        return ((WebSocketTransport) session.uploader().transport()).socketsOpened();
    }
}
