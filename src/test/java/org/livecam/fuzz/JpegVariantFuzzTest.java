package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.livecam.frame.Frame;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.livecam.variant.VariantEncoder;
import org.livecam.variant.VariantSize;

/**
 * The JPEG variant path: a frame that passed the edge's check ({@code Jpeg.inspect}) decoded,
 * scaled and encoded again ({@code variant.VariantEncoder} over {@code frame.JpegCodec}), as for
 * {@code ?width=320}. It is a JPEG of exactly the size asked for, or an IOException (the one
 * failure the variant path expects and answers with the last good variant); never another exception.
 */
class JpegVariantFuzzTest {
    /**
     * Frames claiming more are skipped: the server's --max-frame-pixels bounds them, and decoding
     * megapixels per input would slow the fuzzer to a crawl without reaching new code.
     */
    private static final long MAX_PIXELS = 1024 * 1024;
    private static final VariantSize WIDTH_320 = new VariantSize(320, 0);
    private static final VariantEncoder ENCODER = new VariantEncoder(0.8f);

    @FuzzTest(maxDuration = "10m")
    void resize(byte[] input) {
        Jpeg.Size size;
        try {
            size = Jpeg.inspect(ByteBuffer.wrap(input));
        } catch (InvalidJpegException e) {
            return; // refused at the edge: never resized
        }
        if ((long) size.width() * size.height() > MAX_PIXELS) {
            return;
        }
        Frame frame = Frame.of("cam", 1, Instant.EPOCH, size, false, ByteBuffer.wrap(input));
        Jpeg.Size target = WIDTH_320.fit(size.width(), size.height());
        Frame resized;
        try {
            resized = ENCODER.resize(frame, target);
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(resized.width()).isEqualTo(target.width());
        assertThat(resized.height()).isEqualTo(target.height());
        byte[] out = resized.toByteArray();
        try {
            assertThat(Jpeg.inspect(ByteBuffer.wrap(out))).isEqualTo(target);
        } catch (InvalidJpegException e) {
            throw new AssertionError("the variant is not a JPEG: " + e.getMessage(), e);
        }
        assertThat(resized.sequence()).isEqualTo(frame.sequence());
    }
}
