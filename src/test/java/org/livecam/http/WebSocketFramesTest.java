package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;

/**
 * A viewer WebSocket's bytes for one frame, as a client parses them (RFC 6455): the preamble as
 * one text frame, then the JPEG as one binary frame, unmasked, both in one buffer made once per
 * frame and shared by every viewer.
 */
class WebSocketFramesTest {
    @Test
    void aFrameIsThePreambleTextFrameThenTheJpegBinaryFrameBuiltOnce() {
        for (int size : new int[] {100, 4000, 70_000}) { // payload lengths in 7, 16 and 64 bits
            byte[] jpeg = new byte[size];
            new Random(size).nextBytes(jpeg);
            Frame frame = Frame.of("cam", 3, Instant.parse("2026-01-01T00:00:00Z"), new Jpeg.Size(64, 48), false,
                    ByteBuffer.wrap(jpeg));
            Buffer frames = WebSocketWriter.frames(frame);
            assertThat(WebSocketWriter.frames(frame)).as("made once per frame").isSameAs(frames);

            ByteBuffer wire = ByteBuffer.wrap(frames.getBytes());
            assertThat(new String(payload(wire, 0x1), StandardCharsets.UTF_8)).isEqualTo(FramePreamble.of(frame));
            assertThat(payload(wire, 0x2)).isEqualTo(jpeg);
            assertThat(wire.hasRemaining()).as("nothing after the two frames").isFalse();
        }
    }

    /** Reads one final, unmasked frame of {@code opcode} and returns its payload. */
    private static byte[] payload(ByteBuffer wire, int opcode) {
        assertThat(wire.get() & 0xff).as("FIN and opcode").isEqualTo(0x80 | opcode);
        int marker = wire.get() & 0xff;
        assertThat(marker & 0x80).as("a server's frames are not masked").isZero();
        long length = marker == 126 ? wire.getShort() & 0xffff : marker == 127 ? wire.getLong() : marker;
        if (marker == 126) {
            assertThat(length).isBetween(126L, 65535L);
        } else if (marker == 127) {
            assertThat(length).isGreaterThan(65535L);
        }
        byte[] payload = new byte[(int) length];
        wire.get(payload);
        return payload;
    }
}
