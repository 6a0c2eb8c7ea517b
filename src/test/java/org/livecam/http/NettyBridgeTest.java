package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.buffer.Buffer;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.livecam.frame.Frame;
import org.livecam.frame.Jpeg;
import org.livecam.testing.TestJpegs;

/** The bridge to Vert.x internals, without a socket: what the server relies on holds in this Vert.x. */
class NettyBridgeTest {
    private final byte[] jpeg = TestJpegs.solid(64, 48, Color.RED);
    private final Frame frame = Frame.of("cam", 1, Instant.now(), new Jpeg.Size(64, 48), false, ByteBuffer.wrap(jpeg));

    @Test
    void thisVertxOffersEverythingTheBridgeUses() {
        assertThatCode(NettyBridge::check).doesNotThrowAnyException();
    }

    @Test
    void aFrameBufferIsMadeOnceAndReadsTheFramesBytesWithoutMovingThem() {
        Buffer buffer = NettyBridge.buffer(frame);
        assertThat(NettyBridge.buffer(frame)).as("one buffer per frame, shared by every viewer").isSameAs(buffer);
        assertThat(buffer.getBytes()).isEqualTo(jpeg);
        assertThat(buffer.getBytes()).as("reading twice reads the same bytes").isEqualTo(jpeg);
        assertThat(frame.toByteArray()).isEqualTo(jpeg);
    }

    @Test
    void concatJoinsPiecesInOrder() {
        Buffer joined = NettyBridge.concat(Buffer.buffer("head "), NettyBridge.buffer(frame), Buffer.buffer(" tail"));
        assertThat(joined.length()).isEqualTo(jpeg.length + 10);
        assertThat(joined.getString(0, 5)).isEqualTo("head ");
        assertThat(joined.getBytes(5, 5 + jpeg.length)).isEqualTo(jpeg);
        assertThat(joined.getString(joined.length() - 5, joined.length())).isEqualTo(" tail");
    }

    @Test
    void aReceivedBufferIsReadInPlace() {
        ByteBuffer view = NettyBridge.view(Buffer.buffer(jpeg));
        byte[] read = new byte[view.remaining()];
        view.get(read);
        assertThat(read).isEqualTo(jpeg);
    }
}
