package org.livecam.record;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * The two files of a segment. The data file is records, each a 28-byte header (magic, JPEG
 * length, CRC32 of time, sequence and JPEG, time in epoch ms, sequence) and the JPEG as it came;
 * the index file is one 24-byte entry per record (time, sequence, offset of the JPEG, length),
 * in time order, so a lookup is a binary search of positional reads. The data file is the truth:
 * an index can be rebuilt from it, and its CRCs say which records are whole.
 */
final class SegmentFormat {
    static final int HEADER_BYTES = 28;
    static final int ENTRY_BYTES = 24;
    static final int MAGIC = 0x4C435231; // "LCR1"
    static final String DATA_SUFFIX = ".seg";
    static final String INDEX_SUFFIX = ".idx";

    /** One index entry: where a recorded JPEG is. */
    record Entry(long time, long sequence, int offset, int length) {
        long end() {
            return (long) offset + length;
        }
    }

    private SegmentFormat() {
    }

    static int crc(long time, long sequence, ByteBuffer jpeg) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(16).putLong(time).putLong(sequence).flip());
        crc.update(jpeg.duplicate());
        return (int) crc.getValue();
    }

    static ByteBuffer header(long time, long sequence, ByteBuffer jpeg) {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(jpeg.remaining())
                .putInt(crc(time, sequence, jpeg)).putLong(time).putLong(sequence).flip();
    }

    static ByteBuffer entry(Entry entry) {
        return ByteBuffer.allocate(ENTRY_BYTES).putLong(entry.time()).putLong(entry.sequence())
                .putInt(entry.offset()).putInt(entry.length()).flip();
    }

    static Entry readEntry(FileChannel index, int i) throws IOException {
        ByteBuffer b = readFully(index, (long) i * ENTRY_BYTES, ENTRY_BYTES);
        return new Entry(b.getLong(), b.getLong(), b.getInt(), b.getInt());
    }

    /** The record whose header starts at {@code position}, if it is whole and its CRC matches; else null. */
    static Entry readRecord(FileChannel data, long position, long dataSize) throws IOException {
        if (position + HEADER_BYTES > dataSize) {
            return null;
        }
        ByteBuffer h = readFully(data, position, HEADER_BYTES);
        int magic = h.getInt();
        int length = h.getInt();
        int crc = h.getInt();
        long time = h.getLong();
        long sequence = h.getLong();
        long jpegAt = position + HEADER_BYTES;
        if (magic != MAGIC || length <= 0 || jpegAt + length > dataSize || jpegAt > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer jpeg = readFully(data, jpegAt, length);
        return crc(time, sequence, jpeg) == crc ? new Entry(time, sequence, (int) jpegAt, length) : null;
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException("segment ends before byte " + (position + length));
            }
        }
        return b.flip();
    }

    static void writeFully(FileChannel channel, long position, ByteBuffer... buffers) throws IOException {
        long at = position;
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        }
    }
}
