package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.MjpegReader;
import org.livecam.testing.TestJpegs;

/** The multipart framing, checked on bytes in memory, as a viewer's connection would carry them. */
class MjpegPartsTest {
    private final Frame red = frame(7, Color.RED);
    private final Frame green = frame(8, Color.GREEN);

    @Test
    void aStreamOfPartsParsesBackIntoTheSameJpegsWithTheirHeaders() throws IOException {
        Buffer stream = Buffer.buffer()
                .appendBuffer(MjpegParts.OPENING)
                .appendBuffer(MjpegParts.header(red)).appendBuffer(NettyBridge.buffer(red)).appendBuffer(MjpegParts.CLOSING)
                .appendBuffer(MjpegParts.header(green)).appendBuffer(NettyBridge.buffer(green)).appendBuffer(MjpegParts.CLOSING);
        MjpegReader reader = MjpegReader.of(new ByteArrayInputStream(stream.getBytes()), MjpegParts.CONTENT_TYPE);

        assertThat(reader.boundary()).isEqualTo(MjpegParts.BOUNDARY);
        MjpegReader.Part first = reader.next();
        assertThat(first.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(first.header("Content-Length")).isEqualTo(Integer.toString(red.size()));
        assertThat(first.sequence()).isEqualTo(7);
        assertThat(first.body()).isEqualTo(red.toByteArray());
        MjpegReader.Part second = reader.next();
        assertThat(second.sequence()).isEqualTo(8);
        assertThat(TestJpegs.centre(second.body()).getGreen()).isGreaterThan(200);
    }

    @Test
    void everyPartEndsWithTheBoundarySoAReaderNeedNotWaitForTheNextFrame() {
        String closing = MjpegParts.CLOSING.toString(StandardCharsets.US_ASCII);
        assertThat(closing).isEqualTo("\r\n--" + MjpegParts.BOUNDARY + "\r\n");
        assertThat(MjpegParts.OPENING.toString(StandardCharsets.US_ASCII)).isEqualTo("--" + MjpegParts.BOUNDARY + "\r\n");
        assertThat(MjpegParts.CONTENT_TYPE).startsWith("multipart/x-mixed-replace").contains("boundary=" + MjpegParts.BOUNDARY);
    }

    @Test
    void thePartHeaderIsBuiltOncePerFrameAndShared() {
        assertThat(MjpegParts.header(red)).isSameAs(MjpegParts.header(red));
        String header = MjpegParts.header(red).toString(StandardCharsets.US_ASCII);
        assertThat(header).contains("Content-Type: image/jpeg\r\n", "Content-Length: " + red.size() + "\r\n",
                "X-Timestamp: 1767225600.250000\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void theChunkIsThePartFramedForHttp1InOneBufferMadeOncePerFrame() {
        Buffer chunk = MjpegParts.chunk(red);
        assertThat(MjpegParts.chunk(red)).as("built once per frame, shared by every viewer").isSameAs(chunk);
        Buffer part = Buffer.buffer().appendBuffer(MjpegParts.header(red)).appendBuffer(NettyBridge.buffer(red))
                .appendBuffer(MjpegParts.CLOSING);
        Buffer expected = Buffer.buffer(Integer.toHexString(part.length()) + "\r\n").appendBuffer(part).appendString("\r\n");
        assertThat(chunk.getBytes()).isEqualTo(expected.getBytes());
        assertThat(MjpegParts.header(frame(9, Color.BLUE, "2026-01-01T00:00:07.003Z")).toString(StandardCharsets.US_ASCII))
                .contains("X-Timestamp: 1767225607.003000\r\n");
    }

    private static Frame frame(long sequence, Color color) {
        return frame(sequence, color, "2026-01-01T00:00:00.250Z");
    }

    private static Frame frame(long sequence, Color color, String time) {
        return Frame.of("cam", sequence, Instant.parse(time), new Jpeg.Size(64, 48), false,
                ByteBuffer.wrap(TestJpegs.solid(64, 48, color)));
    }
}
