package org.livecam.push;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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
        BufferedImage image = decode(jpeg);
        if (maxWidth > 0 && image.getWidth() > maxWidth) {
            image = scale(image, maxWidth, Math.max(1, Math.round((float) image.getHeight() * maxWidth / image.getWidth())));
        }
        return encode(image);
    }

    String describe() {
        return (maxWidth > 0 ? "at most " + maxWidth + " px wide, " : "") + "quality " + Math.round(quality * 100);
    }

    private BufferedImage decode(byte[] jpeg) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int sourceWidth = reader.getWidth(0);
            if (maxWidth > 0 && sourceWidth >= 2 * maxWidth) {
                int step = sourceWidth / maxWidth;
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024)) {
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
