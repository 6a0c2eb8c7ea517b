package org.livecam.variant;

import org.livecam.frame.Jpeg;

/**
 * A requested size, already snapped to the allowed set: a width, a height or both (0 means
 * "follow the aspect ratio"). The pixel size of a variant also depends on the source frame;
 * {@link #fit} works it out, never larger than the source.
 */
public record VariantSize(int width, int height) {
    public VariantSize {
        if (width < 0 || height < 0 || (width == 0 && height == 0)) {
            throw new IllegalArgumentException("a variant needs a width, a height or both: " + width + "x" + height);
        }
    }

    /** The pixel size for a source of {@code sourceWidth} x {@code sourceHeight}; aspect kept unless both are set. */
    public Jpeg.Size fit(int sourceWidth, int sourceHeight) {
        if (width > 0 && height > 0) {
            return new Jpeg.Size(Math.min(width, sourceWidth), Math.min(height, sourceHeight));
        }
        if (width > 0) {
            int w = Math.min(width, sourceWidth);
            return new Jpeg.Size(w, Math.max(1, (int) Math.round(sourceHeight * (double) w / sourceWidth)));
        }
        int h = Math.min(height, sourceHeight);
        return new Jpeg.Size(Math.max(1, (int) Math.round(sourceWidth * (double) h / sourceHeight)), h);
    }

    @Override
    public String toString() {
        return (width > 0 ? Integer.toString(width) : "auto") + "x" + (height > 0 ? Integer.toString(height) : "auto");
    }
}
