package org.livecam.bench;

import java.nio.ByteBuffer;

/**
 * The bench's mark inside a JPEG: a COM segment (FF FE) right after SOI carrying the
 * publisher's {@code System.nanoTime()} at send time and a frame counter. The server keeps a
 * frame's bytes as they came, so a viewer in the same process reads the mark back and knows
 * how old the frame is on the same clock. Decoders skip COM segments, so the image is unchanged.
 *
 * <pre>FF D8 | FF FE 00 16 'L' 'C' 'B' '1' nanos(8) counter(8) | rest of the JPEG</pre>
 */
final class FrameStamp {
    /** Bytes of the JPEG prefix that hold the whole stamp: SOI plus the COM segment. */
    static final int PREFIX_BYTES = 2 + 2 + 2 + 4 + 8 + 8;
    private static final int SEGMENT_LENGTH = PREFIX_BYTES - 4; // counts itself, not the marker
    private static final int MAGIC = ('L' << 24) | ('C' << 16) | ('B' << 8) | '1';
    private static final int NANOS_AT = 10;
    private static final int COUNTER_AT = 18;

    /** What a viewer reads back from a frame. */
    record Mark(long sentNanos, long counter) {
    }

    private FrameStamp() {
    }

    /** A copy of {@code jpeg} with an empty stamp inserted after SOI, ready for {@link #stamp}. */
    static byte[] withRoom(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: no SOI");
        }
        byte[] out = new byte[jpeg.length + PREFIX_BYTES - 2];
        ByteBuffer.wrap(out).put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF).put((byte) 0xFE)
                .putShort((short) SEGMENT_LENGTH).putInt(MAGIC).putLong(0).putLong(0)
                .put(jpeg, 2, jpeg.length - 2);
        return out;
    }

    /** Writes the send time and counter into a frame made by {@link #withRoom}. */
    static void stamp(byte[] frame, long sentNanos, long counter) {
        ByteBuffer.wrap(frame).putLong(NANOS_AT, sentNanos).putLong(COUNTER_AT, counter);
    }

    /** The mark in the first {@code length} bytes of a frame, or null when it carries none. */
    static Mark read(byte[] prefix, int length) {
        return readAt(ByteBuffer.wrap(prefix, 0, length), 0);
    }

    /**
     * The mark of a JPEG that starts somewhere in the first {@code length} bytes of a message,
     * after a protocol's own binary header of unknown size; null when there is none.
     */
    static Mark find(byte[] message, int length) {
        ByteBuffer b = ByteBuffer.wrap(message, 0, length);
        for (int at = 0; at + PREFIX_BYTES <= length; at++) {
            Mark mark = readAt(b, at);
            if (mark != null) {
                return mark;
            }
        }
        return null;
    }

    private static Mark readAt(ByteBuffer b, int at) {
        if (b.limit() - at < PREFIX_BYTES) {
            return null;
        }
        if (b.getInt(at) != 0xFFD8FFFE || b.getShort(at + 4) != SEGMENT_LENGTH || b.getInt(at + 6) != MAGIC) {
            return null;
        }
        return new Mark(b.getLong(at + NANOS_AT), b.getLong(at + COUNTER_AT));
    }
}
