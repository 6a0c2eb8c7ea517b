package org.livecam.frame;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The one JPEG codec: decodes (optionally skipping source pixels), scales and encodes with
 * {@code javax.imageio}, always from and to memory. Used by the test pattern, the variants, the
 * uploader's re-encoding and the load tool. Blocking and CPU-bound: call it on a worker or a
 * source thread, never on an event loop. Thread-safe: each call takes its own reader or writer.
 */
public final class JpegCodec {
    /** The most pixels {@link #decode} takes on (16384 x 16384); the server refuses frames over --max-frame-pixels, at most this, before they get here. */
    public static final long MAX_DECODE_PIXELS = 16384L * 16384L;

    private JpegCodec() {
    }

    /**
     * Decodes {@code jpeg} no smaller than {@code minWidth} x {@code minHeight} (0: no bound on
     * that side), reading only every n-th pixel of every n-th row when the image is at least n
     * times that size. Skipping pixels while decoding is the cheap half of a downscale (measured:
     * 720p to 360p in about 3.5 ms instead of 8); {@link #scale} then does the rest.
     *
     * <p>Any failure is an IOException: ImageIO also throws unchecked exceptions on corrupt data
     * (found by fuzzing), and an image whose header claims more than {@link #MAX_DECODE_PIXELS}
     * is refused before a pixel is decoded.
     */
    public static BufferedImage decode(byte[] jpeg, int minWidth, int minHeight) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        // A memory-cached stream: ImageIO's default (getUseCache) writes a temp file per image,
        // on a Pi the SD card, once per frame.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > MAX_DECODE_PIXELS) {
                throw new IOException("a JPEG of " + width + "x" + height + " pixels is over the " + MAX_DECODE_PIXELS
                        + " pixels this server decodes");
            }
            int step = Math.min(minWidth > 0 ? width / minWidth : Integer.MAX_VALUE,
                    minHeight > 0 ? height / minHeight : Integer.MAX_VALUE);
            if (step >= 2 && step < Integer.MAX_VALUE) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new IOException("ImageIO decoded nothing from a " + jpeg.length + "-byte JPEG");
            }
            return image;
        } catch (RuntimeException e) {
            throw new IOException("cannot decode this JPEG: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /** Decodes {@code jpeg} at full size. */
    public static BufferedImage decode(byte[] jpeg) throws IOException {
        return decode(jpeg, 0, 0);
    }

    /** {@code image} drawn at {@code width} x {@code height} with bilinear interpolation. */
    public static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    /** Encodes {@code image} as a baseline JPEG at {@code quality} (0 to 1). */
    public static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024)) {
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            // Only the encoder itself can fail here: the bytes go to memory.
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
