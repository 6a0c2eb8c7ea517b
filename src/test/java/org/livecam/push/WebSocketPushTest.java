package org.livecam.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livecam.push.PushTesting.assertNewestOnlyWhileAway;
import static org.livecam.push.PushTesting.assertWrongTokenReported;
import static org.livecam.push.PushTesting.await;
import static org.livecam.push.PushTesting.freePort;
import static org.livecam.push.PushTesting.latest;
import static org.livecam.push.PushTesting.noisy;
import static org.livecam.push.PushTesting.onPort;
import static org.livecam.push.PushTesting.push;
import static org.livecam.push.PushTesting.serverUrl;
import static org.livecam.push.PushTesting.uploaderThreads;
import static org.livecam.push.PushTesting.withMaxFrameBytes;

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
            assertThat(await(Duration.ofSeconds(20), () -> latest(server, "wsyard") != null)).as("first frame arrives").isTrue();
            long first = latest(server, "wsyard").sequence();
            assertThat(await(Duration.ofSeconds(20), () -> latest(server, "wsyard").sequence() >= first + 5))
                    .as("the snapshot sequence grows").isTrue();
            BufferedImage image = TestJpegs.decode(server.get("/cameras/wsyard/snapshot.jpg").body());
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(stats.state()).isEqualTo(UploadStats.State.CONNECTED);
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
            assertThat(await(Duration.ofSeconds(10), () -> stats.sent() == 1)).isTrue();
            assertThat(server.get("/cameras/exact/snapshot.jpg").body()).isEqualTo(small);

            assertThat(large.length).as("a frame of about 3 MB").isGreaterThan(2_800_000);
            source.emit(large);
            assertThat(await(Duration.ofSeconds(20), () -> stats.sent() == 2)).as("the large frame is published: %s", stats.lastError()).isTrue();
            Frame frame = latest(server, "exact");
            assertThat(frame.toByteArray()).isEqualTo(large);
            assertThat(frame.width()).isEqualTo(2000);
            assertThat(stats.bytesSent()).isEqualTo(small.length + large.length);
            assertThat(socketsOpened(session)).isEqualTo(1);
        }
    }

    @Test
    void keepsGoingWhenTheServerRestartsAndHoldsOnlyTheNewestFrameMeanwhile() throws Exception {
        int port = freePort();
        TestServer server = TestServer.start(data.resolve("first"), c -> onPort(c, port));
        try (PushSession session = PushSession.start(new TestPatternSource(320, 240, 20, Clock.systemUTC()),
                ws("http://127.0.0.1:" + port, "yard", TestServer.TOKEN), Duration.ZERO)) {
            Uploader uploader = session.uploader();
            UploadStats stats = uploader.stats();
            assertThat(await(Duration.ofSeconds(20), () -> stats.sent() >= 5)).as("frames flow at first").isTrue();
            Set<String> threadsBefore = uploaderThreads();

            server.close();
            assertThat(await(Duration.ofSeconds(10), () -> stats.state() == UploadStats.State.RETRYING))
                    .as("notices the server is gone").isTrue();
            assertNewestOnlyWhileAway(uploader);

            server = TestServer.start(data.resolve("second"), c -> onPort(c, port));
            long back = System.nanoTime();
            TestServer current = server;
            assertThat(await(Duration.ofSeconds(20), () -> latest(current, "yard") != null)).as("frames flow again").isTrue();
            double seconds = (System.nanoTime() - back) / 1e9;
            System.out.printf("push --transport ws: frames flowed again %.2f s after the server returned%n", seconds);
            assertThat(seconds).as("frames flow again within 2 s of the server's return (4 s with slack)").isLessThan(4.0);
            assertThat(await(Duration.ofSeconds(5), () -> stats.state() == UploadStats.State.CONNECTED)).isTrue();
            long sequence = latest(current, "yard").sequence();
            assertThat(await(Duration.ofSeconds(10), () -> latest(current, "yard").sequence() >= sequence + 5))
                    .as("and keep flowing on the new socket").isTrue();
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
            assertThat(await(Duration.ofSeconds(10), () -> stats.sent() == 1)).isTrue();

            source.emit("not a jpeg at all".getBytes());
            assertThat(await(Duration.ofSeconds(10), () -> stats.skipped() == 1)).as("the bad frame is skipped").isTrue();
            assertThat(stats.lastError()).contains("refused", "WebSocket error answer");
            assertThat(latest(server, "picky").toByteArray()).as("the camera keeps its last good frame").isEqualTo(first);

            source.emit(next);
            assertThat(await(Duration.ofSeconds(10), () -> stats.sent() == 2)).as("the next frame is sent").isTrue();
            assertThat(latest(server, "picky").toByteArray()).isEqualTo(next);
            assertThat(stats.state()).isEqualTo(UploadStats.State.CONNECTED);
            assertThat(socketsOpened(session)).as("the socket stayed open").isEqualTo(1);
        }
    }

    @Test
    void aFrameOverTheServersLimitIsNotPublishedAndTheNextGoesOnANewSocket() throws Exception {
        ManualSource source = new ManualSource();
        byte[] tooLarge = noisy(600, 500); // about 270 KB
        byte[] small = TestJpegs.solid(64, 48, Color.BLUE);
        try (TestServer server = TestServer.start(data, c -> withMaxFrameBytes(c, 100_000));
             PushSession session = PushSession.start(source, ws(serverUrl(server), "limited", TestServer.TOKEN), Duration.ZERO)) {
            UploadStats stats = session.uploader().stats();
            assertThat(tooLarge.length).isGreaterThan(200_000);
            source.emit(tooLarge);
            assertThat(await(Duration.ofSeconds(10), () -> stats.lastError() != null)).as("the server closes the socket").isTrue();
            // 1009 when its close arrives, else a lost connection that names the likely cause.
            assertThat(stats.lastError()).contains("--max-frame-bytes");
            source.emit(small);
            assertThat(await(Duration.ofSeconds(10), () -> latest(server, "limited") != null)).as("the next frame is sent").isTrue();
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
