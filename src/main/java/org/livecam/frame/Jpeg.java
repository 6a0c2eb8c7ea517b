package org.livecam.frame;

import java.nio.ByteBuffer;

/**
 * Just enough JPEG to trust a frame: SOI at the start, EOI at the end, and a SOF segment
 * that gives the image size. Marker segments are skipped by their lengths, so an FF D9 inside
 * an APP segment (an EXIF thumbnail) does not fool it; the entropy-coded data is not decoded.
 */
public final class Jpeg {
    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;

    /** Width and height from the frame's SOF segment. */
    public record Size(int width, int height) {
    }

    private Jpeg() {
    }

    /** Reads the size of the JPEG in data[position, limit); never changes the buffer's position. */
    public static Size inspect(ByteBuffer data) throws InvalidJpegException {
        int start = data.position();
        int end = data.limit();
        if (end - start < 4) {
            throw new InvalidJpegException("body is " + (end - start) + " bytes: too short to be a JPEG");
        }
        if (u8(data, start) != 0xFF || u8(data, start + 1) != SOI) {
            throw new InvalidJpegException("not a JPEG: it does not start with the SOI marker FF D8");
        }
        if (u8(data, end - 2) != 0xFF || u8(data, end - 1) != EOI) {
            throw new InvalidJpegException("truncated JPEG: it does not end with the EOI marker FF D9");
        }
        int at = start + 2;
        while (at + 4 <= end) {
            if (u8(data, at) != 0xFF) {
                throw new InvalidJpegException("corrupt JPEG: expected a marker at byte " + (at - start));
            }
            int marker = u8(data, at + 1);
            if (marker == 0xFF) { // fill byte before a marker
                at++;
                continue;
            }
            if (marker == SOS || marker == EOI) {
                break;
            }
            int length = (u8(data, at + 2) << 8) | u8(data, at + 3);
            if (length < 2 || at + 2 + length > end) {
                throw new InvalidJpegException("corrupt JPEG: segment FF " + hex(marker) + " overruns the body");
            }
            if (isStartOfFrame(marker)) {
                if (length < 7) {
                    throw new InvalidJpegException("corrupt JPEG: SOF segment is too short");
                }
                int height = (u8(data, at + 5) << 8) | u8(data, at + 6);
                int width = (u8(data, at + 7) << 8) | u8(data, at + 8);
                if (width == 0 || height == 0) {
                    throw new InvalidJpegException("JPEG has no size in its SOF segment (" + width + "x" + height + ")");
                }
                return new Size(width, height);
            }
            at += 2 + length;
        }
        throw new InvalidJpegException("not a usable JPEG: no SOF segment before the image data");
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u8(ByteBuffer data, int index) {
        return data.get(index) & 0xFF;
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }
}
