package org.livecam.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.livecam.frame.JpegCodec;

/** Real JPEGs for tests, made with ImageIO, and a decoder to check what came back. */
public final class TestJpegs {
    private TestJpegs() {
    }

    /** A JPEG of one colour, easy to tell apart from another after a round trip. */
    public static byte[] solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return JpegCodec.encode(image, 0.9f);
    }

    /**
     * Random pixels from {@code seed}: a JPEG that does not compress (about 1.6 bytes a pixel at
     * 0.9, 2 at 1.0), and a different one for each seed.
     */
    public static byte[] noise(int width, int height, long seed, float quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return JpegCodec.encode(image, quality);
    }

    /** Decodes a JPEG fully; throws if it is not one. */
    public static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalArgumentException("not an image: " + jpeg.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The colour at the centre of a JPEG. */
    public static Color centre(byte[] jpeg) {
        BufferedImage image = decode(jpeg);
        return new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    }
}
