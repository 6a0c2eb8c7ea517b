package org.livecam.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.livecam.testing.TestJpegs;

class JpegTest {
    @Test
    void readsTheSizeOfARealBaselineJpeg() throws Exception {
        assertThat(Jpeg.inspect(ByteBuffer.wrap(TestJpegs.solid(321, 123, Color.RED)))).isEqualTo(new Jpeg.Size(321, 123));
    }

    @Test
    void readsTheSizeOfARealProgressiveJpeg() throws Exception {
        byte[] progressive = progressiveJpeg(200, 100);
        assertThat(indexOf(progressive, (byte) 0xFF, (byte) 0xC2)).as("ImageIO wrote a SOF2 segment").isPositive();
        assertThat(Jpeg.inspect(ByteBuffer.wrap(progressive))).isEqualTo(new Jpeg.Size(200, 100));
    }

    @Test
    void readsTheSizeFromAHandBuiltSof2Header() throws Exception {
        byte[] jpeg = new JpegBytes().soi().segment(0xC2, sof(48, 64)).sos().eoi().bytes();
        assertThat(Jpeg.inspect(ByteBuffer.wrap(jpeg))).isEqualTo(new Jpeg.Size(64, 48));
    }

    @Test
    void findsTheSofAfterAnApp1SegmentThatContainsAnEoiMarker() throws Exception {
        // An EXIF thumbnail is a whole JPEG inside APP1: its FF D9 must not end the search.
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9, (byte) 0xFF, (byte) 0xC0};
        byte[] jpeg = new JpegBytes().soi().segment(0xE1, exif).segment(0xC0, sof(720, 1280)).sos().eoi().bytes();
        assertThat(Jpeg.inspect(ByteBuffer.wrap(jpeg))).isEqualTo(new Jpeg.Size(1280, 720));
    }

    @Test
    void skipsFillBytesBeforeAMarker() throws Exception {
        byte[] jpeg = new JpegBytes().soi().raw(0xFF, 0xFF).segment(0xE0, new byte[14]).raw(0xFF)
                .segment(0xC0, sof(10, 20)).sos().eoi().bytes();
        assertThat(Jpeg.inspect(ByteBuffer.wrap(jpeg))).isEqualTo(new Jpeg.Size(20, 10));
    }

    @Test
    void doesNotTakeDhtForAStartOfFrame() throws Exception {
        byte[] jpeg = new JpegBytes().soi().segment(0xC4, new byte[] {0, 1, 2, 3, 4}).segment(0xC0, sof(30, 40)).sos().eoi().bytes();
        assertThat(Jpeg.inspect(ByteBuffer.wrap(jpeg))).isEqualTo(new Jpeg.Size(40, 30));
    }

    @Test
    void readsOnlyBetweenPositionAndLimitAndLeavesThePositionAlone() throws Exception {
        byte[] jpeg = TestJpegs.solid(64, 48, Color.BLUE);
        ByteBuffer padded = ByteBuffer.allocate(jpeg.length + 20);
        padded.position(10).put(jpeg).position(10).limit(10 + jpeg.length);
        assertThat(Jpeg.inspect(padded)).isEqualTo(new Jpeg.Size(64, 48));
        assertThat(padded.position()).isEqualTo(10);
    }

    @Test
    void rejectsAnEmptyBody() {
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.allocate(0)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("too short");
    }

    @Test
    void rejectsABodyWithoutSoi() {
        byte[] notJpeg = "GIF89a this is not a jpeg at all \u00ff\u00d9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(notJpeg)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("SOI");
    }

    @Test
    void rejectsATruncatedJpeg() {
        byte[] jpeg = TestJpegs.solid(64, 48, Color.BLUE);
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(jpeg, 0, jpeg.length / 2)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("EOI");
    }

    @Test
    void rejectsAJpegWithoutSof() {
        byte[] jpeg = new JpegBytes().soi().segment(0xE0, new byte[14]).sos().eoi().bytes();
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(jpeg)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("no SOF");
    }

    @Test
    void rejectsAJpegWhoseSofSaysZeroSize() {
        byte[] jpeg = new JpegBytes().soi().segment(0xC0, sof(0, 640)).sos().eoi().bytes();
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(jpeg)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("no size");
    }

    @Test
    void rejectsASegmentLongerThanTheBody() {
        byte[] jpeg = new JpegBytes().soi().raw(0xFF, 0xE0, 0x7F, 0xFF, 1, 2, 3).eoi().bytes();
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(jpeg)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("overruns");
    }

    @Test
    void rejectsGarbageWhereAMarkerShouldBe() {
        byte[] jpeg = new JpegBytes().soi().raw(0x12, 0x34, 0x56, 0x78).eoi().bytes();
        assertThatThrownBy(() -> Jpeg.inspect(ByteBuffer.wrap(jpeg)))
                .isInstanceOf(InvalidJpegException.class).hasMessageContaining("expected a marker");
    }

    /** The body of a SOF segment: precision, height, width, one component. */
    private static byte[] sof(int height, int width) {
        return new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0};
    }

    private static byte[] progressiveJpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        image.getGraphics().fillRect(10, 10, 50, 50);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Marker segments by hand, for the shapes ImageIO never writes. */
    private static final class JpegBytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        JpegBytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        JpegBytes soi() {
            return raw(0xFF, 0xD8);
        }

        JpegBytes segment(int marker, byte[] body) {
            int length = body.length + 2;
            raw(0xFF, marker, length >> 8, length & 0xFF);
            out.writeBytes(body);
            return this;
        }

        /** A minimal SOS header and a few bytes of entropy-coded data. */
        JpegBytes sos() {
            segment(0xDA, new byte[] {1, 1, 0, 0, 0x3F, 0});
            return raw(0x12, 0x34, 0xFF, 0x00, 0x56);
        }

        JpegBytes eoi() {
            return raw(0xFF, 0xD9);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
