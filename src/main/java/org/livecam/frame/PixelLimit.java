package org.livecam.frame;

import java.nio.ByteBuffer;

/**
 * The most pixels a frame may claim in its SOF header ({@code --max-frame-pixels}). A few hundred
 * bytes can claim 65535 x 65535 pixels; decoding that for a resized variant would take gigabytes
 * and minutes, so such a frame is refused where it comes in, with every other check
 * ({@link Jpeg#inspect}). Immutable.
 *
 * @param maxPixels width times height allowed, 1 to {@link JpegCodec#MAX_DECODE_PIXELS}
 */
public record PixelLimit(long maxPixels) {
    /** 50 megapixels: above any camera's video (8K is 33 MP) and most still cameras. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000;
    public static final PixelLimit DEFAULT = new PixelLimit(DEFAULT_MAX_PIXELS);

    public PixelLimit {
        if (maxPixels < 1 || maxPixels > JpegCodec.MAX_DECODE_PIXELS) {
            throw new IllegalArgumentException("max frame pixels must be between 1 and " + JpegCodec.MAX_DECODE_PIXELS + ": " + maxPixels);
        }
    }

    /** {@link Jpeg#inspect}, and the size within this limit; a larger frame throws {@link FrameTooLargeException}. */
    public Jpeg.Size inspect(ByteBuffer jpeg) throws InvalidJpegException {
        Jpeg.Size size = Jpeg.inspect(jpeg);
        long pixels = (long) size.width() * size.height();
        if (pixels > maxPixels) {
            throw new FrameTooLargeException("a frame of " + size.width() + "x" + size.height() + " pixels (" + megapixels(pixels)
                    + ") is over the limit of " + maxPixels + " pixels (" + megapixels(maxPixels) + ", --max-frame-pixels)");
        }
        return size;
    }

    private static String megapixels(long pixels) {
        return String.format(java.util.Locale.ROOT, "%.1f megapixels", pixels / 1e6);
    }
}
