package org.livecam.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.livecam.frame.Frame;

/**
 * Frames onto a viewer WebSocket: a {@link FramePreamble} text message, then the JPEG as one
 * binary message. A server's frames are not masked, so both are the same bytes for every viewer:
 * they are built once per frame as one direct buffer (the two frame headers, the preamble and the
 * JPEG) and written to each viewer in one write under Netty's frame encoder
 * ({@link NettyBridge.ChannelLink#writeEncoded}): one write and one flush per frame where two
 * Vert.x messages cost two of each. Where the socket has no plain frame encoder, through Vert.x
 * (the JPEG as the frame's own direct memory, which Vert.x sends without its defensive copy).
 * When to write is the {@link FramePump}'s business. Event loop only.
 */
final class WebSocketWriter implements FramePump.Transport {
    private static final Object FRAMES_KEY = new Object();
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;

    private final ServerWebSocket socket;
    private final NettyBridge.ChannelLink frames; // null: write through Vert.x

    WebSocketWriter(ServerWebSocket socket, NettyBridge.ChannelLink channel) {
        this.socket = socket;
        this.frames = channel.writesWebSocket() ? channel : null;
    }

    @Override
    public void write(Frame frame) {
        if (frames != null) {
            frames.writeEncoded(frames(frame));
        } else {
            socket.writeTextMessage(FramePreamble.of(frame));
            socket.writeBinaryMessage(NettyBridge.buffer(frame));
        }
    }

    /** The preamble's text frame and the JPEG's binary frame, as a server sends them, made once per frame. */
    static Buffer frames(Frame frame) {
        return frame.derive(FRAMES_KEY, WebSocketWriter::makeFrames);
    }

    private static Buffer makeFrames(Frame frame) {
        byte[] preamble = FramePreamble.of(frame).getBytes(StandardCharsets.UTF_8);
        ByteBuffer memory = ByteBuffer.allocateDirect(10 + preamble.length + 10 + frame.size());
        header(memory, TEXT, preamble.length).put(preamble);
        header(memory, BINARY, frame.size()).put(frame.bytes());
        return NettyBridge.wrap(memory.flip());
    }

    /** A final, unmasked frame's header (RFC 6455, 5.2): FIN and opcode, then the payload length in 7, 16 or 64 bits. */
    private static ByteBuffer header(ByteBuffer memory, int opcode, int length) {
        memory.put((byte) (0x80 | opcode));
        if (length < 126) {
            memory.put((byte) length);
        } else if (length < 65536) {
            memory.put((byte) 126).putShort((short) length);
        } else {
            memory.put((byte) 127).putLong(length);
        }
        return memory;
    }
}
