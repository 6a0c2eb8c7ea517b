package org.livecam.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.livecam.bench.StampedFrames.stamped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MjpegLoadViewerTest {
    private static final long NOW = 5_000_000_000L;

    @Test
    void readsStampedFramesFromAChunkedStreamSplitAnywhere() throws IOException {
        byte[] stream = chunkedStream(stamped(100, 1, 5000), stamped(200, 2, 300), stamped(300, 3, 70_000));
        Random random = new Random(7);
        for (int attempt = 0; attempt < 20; attempt++) {
            MeasureWindow window = new MeasureWindow();
            window.open(0);
            LatencyRecorder latency = new LatencyRecorder();
            ViewerStats stats = new ViewerStats(window, latency);
            MjpegLoadViewer viewer = new MjpegLoadViewer("h", "/cameras/c/stream.mjpg", stats);
            for (int at = 0; at < stream.length; ) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(attempt % 2 == 0 ? 7 : 9000));
                viewer.read(ByteBuffer.wrap(stream, at, n).slice(), NOW);
                at += n;
            }
            assertThat(stats.connected()).isTrue();
            assertThat(stats.frames()).isEqualTo(3);
            assertThat(stats.freshFrames()).isEqualTo(3);
            assertThat(stats.bytes()).isZero(); // bytes are counted by the loop, not the decoder
            assertThat(latency.count()).isEqualTo(3);
            assertThat(latency.maxMicros()).isEqualTo((NOW - 100) / 1000);
        }
    }

    @Test
    void aFrameSeenAgainIsNotFresh() throws IOException {
        MeasureWindow window = new MeasureWindow();
        window.open(0);
        ViewerStats stats = new ViewerStats(window, new LatencyRecorder());
        MjpegLoadViewer viewer = new MjpegLoadViewer("h", "/s", stats);
        viewer.read(ByteBuffer.wrap(chunkedStream(stamped(1, 7, 10), stamped(2, 7, 10), stamped(3, 8, 10))), NOW);
        assertThat(stats.frames()).isEqualTo(3);
        assertThat(stats.freshFrames()).isEqualTo(2);
    }

    @Test
    void anErrorStatusFailsTheViewer() {
        MjpegLoadViewer viewer = new MjpegLoadViewer("h", "/s", new ViewerStats(new MeasureWindow(), new LatencyRecorder()));
        byte[] answer = "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> viewer.read(ByteBuffer.wrap(answer), NOW)).hasMessageContaining("404");
    }

    /** What livecam sends: a head, then the opening boundary, and each part's header, body and next boundary as chunks. */
    private static byte[] chunkedStream(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "HTTP/1.1 200 OK\r\ncontent-type: multipart/x-mixed-replace;boundary=b\r\ntransfer-encoding: chunked\r\n\r\n");
        chunk(out, "--b\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] frame : frames) {
            chunk(out, ("Content-Type: image/jpeg\r\nContent-Length: " + frame.length + "\r\nX-Frame-Sequence: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, frame);
            chunk(out, "\r\n--b\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, byte[] data) {
        write(out, Integer.toHexString(data.length) + "\r\n");
        out.writeBytes(data);
        write(out, "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
