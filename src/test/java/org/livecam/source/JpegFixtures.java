package org.livecam.source;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.livecam.testing.TestJpegs;

/** Awkward but valid JPEGs for splitter tests, built with ImageIO and by hand. */
final class JpegFixtures {
    private JpegFixtures() {
    }

    static byte[] solid(Color color) {
        return TestJpegs.solid(64, 48, color);
    }

    /** A JPEG of random noise: large for its size, with many FF bytes in its entropy data. */
    static byte[] noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return write(image, 1.0f, 0);
    }

    /** A JPEG with a DRI segment, so its entropy data holds restart markers FF D0..FF D7. */
    static byte[] withRestartMarkers() {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(7);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return write(image, 0.9f, 2);
    }

    /** {@code jpeg} with an EXIF-like APP1 right after SOI that holds a whole other JPEG (a thumbnail). */
    static byte[] withThumbnail(byte[] jpeg, byte[] thumbnail) {
        byte[] header = "Exif\0\0MM\0*\0\0\0\b".getBytes(StandardCharsets.ISO_8859_1);
        return withSegment(jpeg, 0xE1, concat(header, thumbnail));
    }

    /** {@code jpeg} with a COM segment holding FF D9 and FF D8. */
    static byte[] withTrickyComment(byte[] jpeg) {
        byte[] text = concat("made by \u00ff".getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xFF, (byte) 0xD9, (byte) 0xFF, (byte) 0xD8, 'x'});
        return withSegment(jpeg, 0xFE, text);
    }

    static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) marker;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(payload, 0, out, 6, payload.length);
        System.arraycopy(jpeg, 2, out, 6 + payload.length, jpeg.length - 2);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] write(BufferedImage image, float quality, int restartInterval) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (restartInterval > 0) {
                String format = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                sequence.insertBefore(dri, sequence.getFirstChild());
                metadata.setFromTree(format, root);
            }
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
