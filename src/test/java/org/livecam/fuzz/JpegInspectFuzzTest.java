package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;

/** {@code Jpeg.inspect}, the check every published and pulled frame passes at the edge. */
class JpegInspectFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void inspect(byte[] input) {
        Jpeg.Size size;
        try {
            size = Jpeg.inspect(ByteBuffer.wrap(input));
        } catch (InvalidJpegException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(input.length).isGreaterThanOrEqualTo(4);
        assertThat(input[0] & 0xFF).isEqualTo(0xFF);
        assertThat(input[1] & 0xFF).isEqualTo(Jpeg.SOI);
        assertThat(input[input.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(input[input.length - 1] & 0xFF).isEqualTo(Jpeg.EOI);
        assertThat(size.width()).isBetween(1, 65535);
        assertThat(size.height()).isBetween(1, 65535);

        // The same bytes in the middle of a bigger buffer (a slice of a network read) say the same
        // and the buffer's position is left alone.
        ByteBuffer framed = ByteBuffer.allocate(input.length + 6);
        framed.put(new byte[] {1, 2, 3}).put(input).put(new byte[] {4, 5, 6});
        framed.position(3).limit(3 + input.length);
        try {
            assertThat(Jpeg.inspect(framed)).isEqualTo(size);
        } catch (InvalidJpegException e) {
            throw new AssertionError("the same JPEG at an offset was refused: " + e.getMessage(), e);
        }
        assertThat(framed.position()).isEqualTo(3);
    }
}
