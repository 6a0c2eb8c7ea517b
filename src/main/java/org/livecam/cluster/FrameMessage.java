package org.livecam.cluster;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.livecam.frame.Frame;

/**
 * One frame as it travels through Redis, on its camera's channel and under its latest-frame key:
 * a small big-endian header, then the JPEG as it is.
 *
 * <pre>
 * byte  version (1)
 * short length of the origin node's name, then its UTF-8 bytes
 * long  sequence at the origin
 * long  time the origin received it, epoch ms
 * int   width, int height
 * int   JPEG size, then the JPEG bytes
 * </pre>
 *
 * @param jpeg a view of the JPEG bytes inside the received message
 */
record FrameMessage(String node, long sequence, Instant receivedAt, int width, int height, ByteBuffer jpeg) {
    static final byte VERSION = 1;

    /** The message for a frame published on {@code node}: one copy of the JPEG, into the message. */
    static Buffer encode(String node, Frame frame) {
        byte[] name = node.getBytes(StandardCharsets.UTF_8);
        Buffer buffer = Buffer.buffer(1 + 2 + name.length + 8 + 8 + 4 + 4 + 4 + frame.size());
        buffer.appendByte(VERSION)
                .appendShort((short) name.length).appendBytes(name)
                .appendLong(frame.sequence())
                .appendLong(frame.receivedAt().toEpochMilli())
                .appendInt(frame.width()).appendInt(frame.height())
                .appendInt(frame.size());
        byte[] jpeg = new byte[frame.size()];
        frame.bytes().get(jpeg);
        return buffer.appendBytes(jpeg);
    }

    /** Reads a message; an {@link IllegalArgumentException} for one that is not a whole message of this version. */
    static FrameMessage decode(Buffer message) {
        ByteBuffer in = ByteBuffer.wrap(message.getBytes());
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("frame message of version " + version + ", expected " + VERSION);
            }
            byte[] name = new byte[in.getShort()];
            in.get(name);
            long sequence = in.getLong();
            Instant receivedAt = Instant.ofEpochMilli(in.getLong());
            int width = in.getInt();
            int height = in.getInt();
            int size = in.getInt();
            if (size != in.remaining()) {
                throw new IllegalArgumentException("frame message says " + size + " JPEG bytes, has " + in.remaining());
            }
            return new FrameMessage(new String(name, StandardCharsets.UTF_8), sequence, receivedAt, width, height, in.slice());
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("frame message cut short (" + message.length() + " bytes)");
        }
    }
}
