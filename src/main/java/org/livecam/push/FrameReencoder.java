package org.livecam.push;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.livecam.frame.JpegCodec;

/**
 * Makes a frame cheaper to upload: scales it down to at most {@code width} pixels wide (never
 * up) and encodes it at {@code quality}. Used only when asked for; otherwise the source's bytes
 * go out untouched. Decoding reads every n-th pixel when the frame is at least twice as wide as
 * wanted, which is most of the saving on a small CPU (see NOTES.md: ImageIO timings).
 * Not thread-safe: the uploader's sender thread owns one, so only frames that are sent are re-encoded.
 */
final class FrameReencoder {
    /** The quality used when only a width is asked for, the same as the test pattern's. */
    static final int DEFAULT_QUALITY = 80;

    private final int maxWidth;
    private final float quality;

    /**
     * @param maxWidth widest frame to send, or 0 to keep the width
     * @param quality  JPEG quality from 1 to 100, or 0 for {@link #DEFAULT_QUALITY}
     */
    FrameReencoder(int maxWidth, int quality) {
        if (maxWidth < 0 || (maxWidth > 0 && maxWidth < 16)) {
            throw new IllegalArgumentException("--width must be at least 16 pixels: " + maxWidth);
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("--quality must be from 1 to 100: " + quality);
        }
        this.maxWidth = maxWidth;
        this.quality = (quality == 0 ? DEFAULT_QUALITY : quality) / 100f;
    }

    byte[] reencode(byte[] jpeg) throws IOException {
        BufferedImage image = JpegCodec.decode(jpeg, maxWidth, 0);
        if (maxWidth > 0 && image.getWidth() > maxWidth) {
            image = JpegCodec.scale(image, maxWidth, Math.max(1, Math.round((float) image.getHeight() * maxWidth / image.getWidth())));
        }
        return JpegCodec.encode(image, quality);
    }

    String describe() {
        return (maxWidth > 0 ? "at most " + maxWidth + " px wide, " : "") + "quality " + Math.round(quality * 100);
    }
}
