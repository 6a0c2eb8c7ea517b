package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livecam.bench.StampedFrames.stamped;
import static org.livecam.testing.WebSocketFrames.unmasked;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.livecam.testing.Await;

class WebSocketLoadViewerTest {
    private static final long NOW = 9_000_000_000L;

    @Test
    void readsFragmentedBinaryMessagesWithAHeaderAndSkipsTextMessages() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int counter = 1; counter <= 3; counter++) {
            unmasked(stream, true, 1, "{\"sequence\":1}".getBytes(StandardCharsets.US_ASCII)); // metadata as text
            byte[] jpeg = stamped(counter * 1000L, counter, 150_000);
            byte[] message = new byte[jpeg.length + 24]; // a fixed binary header of the server's own first
            System.arraycopy(jpeg, 0, message, 24, jpeg.length);
            unmasked(stream, false, 2, java.util.Arrays.copyOfRange(message, 0, 65_536));
            unmasked(stream, false, 0, java.util.Arrays.copyOfRange(message, 65_536, 131_072));
            unmasked(stream, true, 0, java.util.Arrays.copyOfRange(message, 131_072, message.length));
        }
        byte[] bytes = stream.toByteArray();
        MeasureWindow window = new MeasureWindow();
        window.open(0);
        LatencyRecorder latency = new LatencyRecorder();
        ViewerStats stats = new ViewerStats(window, latency);
        WebSocketLoadViewer viewer = new WebSocketLoadViewer("h", "/cameras/c/ws", stats);
        Random random = new Random(3);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(5000));
            viewer.read(ByteBuffer.wrap(bytes, at, n).slice(), NOW);
            at += n;
        }
        assertThat(stats.connected()).isTrue();
        assertThat(stats.frames()).isEqualTo(3);
        assertThat(stats.freshFrames()).isEqualTo(3);
        assertThat(stats.unstamped()).isZero();
        assertThat(latency.maxMicros()).isEqualTo((NOW - 1000) / 1000);
    }

    @Test
    void aRefusedUpgradeFailsTheViewer() {
        WebSocketLoadViewer viewer = new WebSocketLoadViewer("h", "/ws", new ViewerStats(new MeasureWindow(), new LatencyRecorder()));
        byte[] answer = "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> viewer.read(ByteBuffer.wrap(answer), NOW)).hasMessageContaining("404");
    }

    /** The real handshake and framing of a Vert.x WebSocket server (which splits messages at 64 KiB), through the viewer loop. */
    @Test
    void followsARealWebSocketServer() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            byte[] jpeg = stamped(System.nanoTime(), 1, 100_000);
            HttpServer server = vertx.createHttpServer()
                    .webSocketHandler(ws -> {
                        long[] counter = {0};
                        long timer = vertx.setPeriodic(20, id -> {
                            FrameStamp.stamp(jpeg, System.nanoTime(), ++counter[0]);
                            ws.writeBinaryMessage(Buffer.buffer(jpeg.clone()));
                        });
                        ws.closeHandler(v -> vertx.cancelTimer(timer));
                    })
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            MeasureWindow window = new MeasureWindow();
            window.open(System.nanoTime());
            try (ViewerLoop loop = new ViewerLoop(new InetSocketAddress("127.0.0.1", server.actualPort()), "test-viewers")) {
                loop.start();
                ViewerStats stats = new ViewerStats(window, loop.latency());
                loop.open(new LoadViewerSocket(new WebSocketLoadViewer("127.0.0.1", "/cameras/x/ws", stats), stats, 0, 0));
                Await.until(() -> stats.freshFrames() >= 5 || stats.failure() != null, Duration.ofSeconds(20), "five fresh frames or a failure");
                assertThat(stats.failure()).isNull();
                assertThat(stats.connected()).isTrue();
                assertThat(stats.freshFrames()).isGreaterThanOrEqualTo(5);
                assertThat(stats.unstamped()).isZero();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
