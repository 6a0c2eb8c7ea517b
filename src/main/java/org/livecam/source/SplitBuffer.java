package org.livecam.source;

import java.nio.ByteBuffer;

/**
 * The bytes an {@link MjpegSplitter} holds and where it is in them: a frame being parsed starts
 * at index 0, and {@link #position} is the next byte to parse. Grows by doubling up to a bound;
 * dropping bytes from the front slides the rest down. Not thread-safe: one per splitter.
 */
final class SplitBuffer {
    private final int maxCapacity;
    private byte[] buf;
    private int len;
    private int pos;

    SplitBuffer(int initialCapacity, int maxCapacity) {
        this.buf = new byte[initialCapacity];
        this.maxCapacity = maxCapacity;
    }

    void append(byte[] data, int offset, int n) {
        if (len + n > buf.length) {
            byte[] bigger = new byte[Math.max(len + n, Math.min(buf.length * 2, maxCapacity))];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
        System.arraycopy(data, offset, buf, len, n);
        len += n;
    }

    boolean hasMore() {
        return pos < len;
    }

    /** The next byte to parse, as 0-255; moves past it. */
    int next() {
        return buf[pos++] & 0xFF;
    }

    /** Moves past up to {@code n} bytes; returns how many it could. */
    int skip(int n) {
        int skipped = Math.min(n, len - pos);
        pos += skipped;
        return skipped;
    }

    int position() {
        return pos;
    }

    void moveTo(int position) {
        pos = position;
    }

    int length() {
        return len;
    }

    boolean endsWithFF() {
        return len > 0 && (buf[len - 1] & 0xFF) == 0xFF;
    }

    /** The index of the next FF D8 (SOI) at or after {@code from}, or -1. */
    int indexOfSoi(int from) {
        for (int i = Math.max(0, from); i + 1 < len; i++) {
            if ((buf[i] & 0xFF) == 0xFF && (buf[i + 1] & 0xFF) == 0xD8) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes from the start up to the parse position: a whole frame once its EOI is parsed. */
    ByteBuffer parsed() {
        return ByteBuffer.wrap(buf, 0, pos);
    }

    /** Drops the first {@code n} bytes and moves the parse position with them. */
    void discard(int n) {
        if (n <= 0) {
            return;
        }
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
        pos = Math.max(0, pos - n);
    }
}
